//===- ModuleReader.h - Decode a .wasm binary into a Module -----*- C++ -*-===//
///
/// \file
/// The binary-format decoder: every section of WebAssembly 2.0 with the
/// standardised proposals, including the data count section and the custom
/// `name` section, and the 3.0 features of decode/Features.h. It rejects what
/// the spec calls malformed; validity is checked separately by
/// validateModule().
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_DECODE_MODULEREADER_H
#define WASM2NATIVE_DECODE_MODULEREADER_H

#include "decode/Module.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <memory>

namespace w2n {

/// Decodes Bytes (a whole .wasm file) with the given features. Errors are
/// WasmError values carrying the file offset of the offending byte.
llvm::Expected<std::unique_ptr<Module>>
readModule(llvm::ArrayRef<uint8_t> Bytes,
           FeatureSet Features = FeatureSet::wasm3());

} // namespace w2n

#endif // WASM2NATIVE_DECODE_MODULEREADER_H
