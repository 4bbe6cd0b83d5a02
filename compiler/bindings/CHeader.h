//===- CHeader.h - Typed C bindings of a module -----------------*- C++ -*-===//
///
/// \file
/// `wasm2native header`: a C header that gives a module's imports and
/// exports C types, over the embedding API (wasm2native.h). Exports become
/// functions that call the module's native code directly (through
/// wasm2native_instance_call_native, so traps still come back as errors);
/// imports become a struct of typed function pointers. The glue file
/// defines NAME_module(), which finds a module that `wasm2native compile
/// --emit=obj --module-name NAME` linked into the program. The format is
/// described in docs/embedding.md.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_BINDINGS_CHEADER_H
#define WASM2NATIVE_BINDINGS_CHEADER_H

#include "decode/Module.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace w2n {

struct CHeaderOptions {
  /// The prefix of every name the header declares; a C identifier.
  std::string Name;
  /// The module's file name, for the comments.
  std::string SourceName;
  /// The header's file name, for the glue's #include.
  std::string HeaderName;
};

/// Whether Name is a C identifier (letters, digits, '_', not starting with
/// a digit).
bool isCIdentifier(llvm::StringRef Name);

/// The default module name for a file: its stem with every character that
/// cannot be in a C identifier replaced by '_' ("my-lib.wasm" -> "my_lib"),
/// and an 'x' in front of a leading digit or '_'.
std::string moduleNameForPath(llvm::StringRef Path);

/// Writes the header for M. Opts.Name must be a C identifier.
void writeCHeader(const Module &M, const CHeaderOptions &Opts,
                  llvm::raw_ostream &OS);

/// Writes the C source that defines Opts.Name's NAME_module() for a module
/// compiled with `--emit=obj --module-name NAME` and linked into the
/// program.
void writeCGlue(const CHeaderOptions &Opts, llvm::raw_ostream &OS);

} // namespace w2n

#endif // WASM2NATIVE_BINDINGS_CHEADER_H
