//===- Diagnostics.h - How the tool reports errors --------------*- C++ -*-===//

#ifndef WASM2NATIVE_TOOLS_DIAGNOSTICS_H
#define WASM2NATIVE_TOOLS_DIAGNOSTICS_H

#include "decode/Module.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>

namespace w2n {

/// Prints `FILE:0xOFFSET: error: REASON` for errors with an offset, else
/// `FILE: error: REASON`, on stderr.
void reportError(llvm::StringRef Path, llvm::Error E);

} // namespace w2n

#endif // WASM2NATIVE_TOOLS_DIAGNOSTICS_H
