//===- Descriptor.h - The module descriptor and trampolines -----*- C++ -*-===//
///
/// \file
/// Internal to lower/: emits the w2n_module_descriptor of abi.h as LLVM
/// constants, with the generic-entry (invoke) and host trampolines of the
/// function types that need them (ModuleSymbols::NeedsInvoke and
/// NeedsHostTrampoline).
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_LOWER_DESCRIPTOR_H
#define WASM2NATIVE_LOWER_DESCRIPTOR_H

#include "lower/ChunkContext.h"

namespace w2n {

void emitDescriptor(ChunkContext &CC);

} // namespace w2n

#endif // WASM2NATIVE_LOWER_DESCRIPTOR_H
