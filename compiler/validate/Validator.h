//===- Validator.h - The spec's validation algorithm ------------*- C++ -*-===//
///
/// \file
/// Validation of a decoded module: module-level rules (indices, limits,
/// constant expressions, exports, start function, segments) and the typing
/// of every function body with the operand and control stacks of the
/// spec's validation algorithm (its appendix, "Validation Algorithm").
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_VALIDATE_VALIDATOR_H
#define WASM2NATIVE_VALIDATE_VALIDATOR_H

#include "decode/Module.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>

namespace w2n {

/// Validates M. The first error found is returned as a WasmError with the
/// file offset of the offending instruction or declaration.
llvm::Error validateModule(const Module &M);

/// Reads the file at Path ("-" for standard input), decodes and validates
/// it: the one way every tool loads a module it is given.
llvm::Expected<std::unique_ptr<Module>>
readValidModule(llvm::StringRef Path,
                FeatureSet Features = FeatureSet::wasm3());

} // namespace w2n

#endif // WASM2NATIVE_VALIDATE_VALIDATOR_H
