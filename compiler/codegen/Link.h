//===- Link.h - Link objects into a shared object with lld ------*- C++ -*-===//
///
/// \file
/// Runs lld's ELF driver in this process (no subprocess, no sysroot) to
/// link compiled objects into a `.so` that exports only the module
/// descriptor (linker-scripts/shared-object.map).
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_CODEGEN_LINK_H
#define WASM2NATIVE_CODEGEN_LINK_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/TargetParser/Triple.h"

#include <vector>

namespace w2n {

/// Links Objects, in order, into the shared library OutPath: an ELF `.so`,
/// or a Mach-O `.dylib` for Darwin triples.
llvm::Error linkSharedObject(llvm::ArrayRef<llvm::SmallVector<char, 0>> Objects,
                             llvm::StringRef OutPath,
                             const llvm::Triple &Target);

} // namespace w2n

#endif // WASM2NATIVE_CODEGEN_LINK_H
