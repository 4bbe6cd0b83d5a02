//===- spectest.h - The spec test suite's host module -----------*- C++ -*-===//
///
/// \file
/// The `spectest` module that the spec scripts import from: print
/// functions, global_i32/i64/f32/f64 (666, 666, 666.6, 666.6), a funcref
/// table (10, max 20), the same with i64 indices (table64), and a memory
/// (1, max 2 pages).
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_RUNTIME_SPECTEST_H
#define WASM2NATIVE_RUNTIME_SPECTEST_H

#include "wasm2native/runtime.h"

#include <string>

namespace w2n::rt {

/// Creates the spectest objects in S and defines them in L under
/// "spectest". With Print, the print functions write their arguments to
/// stdout; otherwise they do nothing. Returns false (and Err) if the
/// memory or table cannot be created.
bool defineSpectest(Store &S, Linker &L, std::string &Err, bool Print = false);

} // namespace w2n::rt

#endif // WASM2NATIVE_RUNTIME_SPECTEST_H
