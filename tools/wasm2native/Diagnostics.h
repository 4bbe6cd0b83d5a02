//===- Diagnostics.h - How the tool reports errors --------------*- C++ -*-===//
///
/// \file
/// Every subcommand reports errors in one format, clang's:
///
///   FILE:0xOFFSET: error: MSG   an error at a byte of FILE
///   FILE: error: MSG            an error about FILE as a whole
///   wasm2native: error: MSG     an error that concerns no file
///
/// (`run` prints the same through run::printError, which needs no LLVM.)
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_TOOLS_DIAGNOSTICS_H
#define WASM2NATIVE_TOOLS_DIAGNOSTICS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace w2n {

/// The name that starts diagnostics which concern no file.
constexpr const char *ToolName = "wasm2native";

/// Reports E, an error in the file Path: with its offset if it has one (a
/// WasmError); a FileError names its own file instead.
void reportError(llvm::StringRef Path, llvm::Error E);

/// Reports E, which concerns no file (an option, the environment).
void reportError(llvm::Error E);

} // namespace w2n

#endif // WASM2NATIVE_TOOLS_DIAGNOSTICS_H
