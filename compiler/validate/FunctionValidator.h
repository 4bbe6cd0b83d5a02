//===- FunctionValidator.h - Typing of one function body --------*- C++ -*-===//
///
/// \file
/// Internal to validate/: checks one function body against the spec's
/// validation algorithm.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_VALIDATE_FUNCTIONVALIDATOR_H
#define WASM2NATIVE_VALIDATE_FUNCTIONVALIDATOR_H

#include "decode/Module.h"

#include "llvm/ADT/BitVector.h"
#include "llvm/Support/Error.h"

namespace w2n {

/// What every body in the module is checked against.
struct ModuleContext {
  const Module &M;
  /// C.refs: functions that may be named by ref.func in a body, i.e. those
  /// that occur in element segments, exports or global initialisers.
  llvm::BitVector DeclaredRefs;
};

/// Validates defined function DefinedIndex (index into M.Functions).
llvm::Error validateFunction(const ModuleContext &C, uint32_t DefinedIndex);

} // namespace w2n

#endif // WASM2NATIVE_VALIDATE_FUNCTIONVALIDATOR_H
