//===- FunctionMetrics.h - A function's wasm, measured ----------*- C++ -*-===//
///
/// \file
/// Measures a function body in one pass over its instructions, before any
/// IR exists: its size, and the shapes on which LLVM's passes grow faster
/// than linearly (a huge basic block, many locals live across many blocks,
/// a huge switch, deep nesting, many values flowing through one edge).
/// CompilePlan.cpp turns these into a tier and a predicted compile cost, so
/// everything depends on the wasm only and the plan is the same for every
/// -j.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_LOWER_FUNCTIONMETRICS_H
#define WASM2NATIVE_LOWER_FUNCTIONMETRICS_H

#include "decode/Module.h"

#include <cstdint>
#include <vector>

namespace w2n {

struct FunctionMetrics {
  /// Bytes of the body.
  uint64_t Bytes = 0;
  /// Instructions in the body (the final `end` included).
  uint64_t Instrs = 0;
  /// Parameters plus the declared locals the body can use (no more than
  /// its accesses to locals).
  uint64_t Locals = 0;
  /// Control constructs that start or end basic blocks: block, loop, if,
  /// else, br_if, br_table (an estimate of the basic blocks of the IR).
  uint64_t Blocks = 0;
  uint64_t Loops = 0;
  /// The deepest nesting of block/loop/if.
  uint64_t MaxDepth = 0;
  /// Targets of all br_tables, and of the largest one.
  uint64_t SwitchTargets = 0;
  uint64_t MaxSwitchTargets = 0;
  /// The longest run of instructions without a branch, a block boundary or
  /// a call: one basic block in the IR, one scheduling region in codegen.
  uint64_t MaxStraightLine = 0;
  /// The longest run of instructions without a branch or a block boundary
  /// (calls included): one basic block of the IR.
  uint64_t MaxBlockInstrs = 0;
  /// The deepest nesting of loops.
  uint64_t MaxLoopDepth = 0;
  /// Direct and indirect calls.
  uint64_t Calls = 0;
  /// The most values that cross one call, block boundary or return: the
  /// function's own parameters and results, a block type's, a callee's.
  uint64_t MaxArity = 0;
  /// Memory and global accesses (loads and stores of anything but locals).
  uint64_t Accesses = 0;
  /// The highest the operand stack gets.
  uint64_t MaxStack = 0;
  /// Defined functions this one calls directly (index space of all
  /// functions), in order, with repeats.
  std::vector<uint32_t> Callees;
};

/// Measures defined function F of M (which must be valid).
FunctionMetrics measureFunction(const Module &M, const Function &F);

} // namespace w2n

#endif // WASM2NATIVE_LOWER_FUNCTIONMETRICS_H
