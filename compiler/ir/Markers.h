//===- Markers.h - The marks lowering leaves for the passes -----*- C++ -*-===//
///
/// \file
/// The contract between lowering (lower/) and the passes that run on its
/// output (transform/, codegen/): the metadata kinds and function
/// attributes by which a pass finds what lowering emitted, by name and
/// never by its shape. Lowering sets each mark where it emits the thing it
/// marks (through the builders of InstanceContext.h where there is one);
/// the passes only read them, except where they say so. The few marks one
/// pass leaves for a later one are here too, so that every metadata kind
/// and attribute name of the compiler is in this file.
///
/// A mark may be lost where LLVM merges two instructions (it drops the
/// metadata kinds it does not know); a pass that misses a mark must then
/// do the safe thing, which is to leave the code as it is.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_IR_MARKERS_H
#define WASM2NATIVE_IR_MARKERS_H

#include "wasm2native/abi.h"

#include <cstdint>
#include <optional>

namespace llvm {
class CallInst;
class Instruction;
class PHINode;
class StoreInst;
class Value;
} // namespace llvm

namespace w2n {

// ---- Traps ----------------------------------------------------------------

/// The metadata kind on every call of rt->trap: `!{i32 kind}`, the
/// w2n_trap_kind the call reports. createTrapCall (InstanceContext.h) sets
/// it; transform/AddressWidening.cpp finds the out-of-bounds traps by it.
inline constexpr const char *TrapMDName = "w2n.trap";

/// The metadata kind (an empty node) on the trap call of a memory access
/// bounds check: explicit mode's, and guard mode's provisional ones
/// (lower/EmitMemory.cpp). That call is in a trap block of its own, apart
/// from the other out-of-bounds traps (memory.copy's, say), so that LLVM
/// never merges the two kinds of check; transform/BoundsCheckElision.cpp
/// removes only checks whose trap call carries it.
inline constexpr const char *BoundsCheckMDName = "w2n.bounds_check";

/// Marks Call as a trap of kind Kind (TrapMDName).
void markTrapCall(llvm::CallInst &Call, w2n_trap_kind Kind);
/// The kind of trap I reports, if it is a marked trap call.
std::optional<w2n_trap_kind> trapKindOf(const llvm::Instruction &I);

/// Marks Call, a trap call, as the one of memory access bounds checks.
void markBoundsCheckTrap(llvm::CallInst &Call);
/// Whether I is the trap call of memory access bounds checks.
bool isBoundsCheckTrap(const llvm::Instruction &I);

// ---- The load sink --------------------------------------------------------

/// The metadata kind that marks the volatile stores of the load sink to
/// vmctx->load_sink (lower/EmitMemory.cpp, guard mode):
/// transform/LoadSinkPruning.cpp prunes them, and the passes that look for
/// writes (BoundsCheckElision, ScanVectorization) know they are none of
/// the program's.
inline constexpr const char *LoadSinkMDName = "w2n.load_sink";

void markLoadSinkStore(llvm::StoreInst &Store);
bool isLoadSinkStore(const llvm::Instruction &I);

// ---- Tail calls -------------------------------------------------------------

/// The metadata kind (an empty node) on the call of a return_call or
/// return_call_indirect, which lowering makes a `tail call` in tail
/// position (lower/EmitReference.cpp). Every function keeps
/// "disable-tail-calls" through the optimiser, so that no ordinary call
/// becomes a tail call or a loop (unbounded recursion must exhaust the
/// stack); transform/ReturnCalls.cpp then lifts it from the functions that
/// have such calls, and takes the tail mark off every other call.
inline constexpr const char *ReturnCallMDName = "w2n.return_call";

void markReturnCall(llvm::CallInst &Call);
bool isReturnCall(const llvm::Instruction &I);

// ---- Marks between passes ------------------------------------------------

/// The metadata kind on the 64-bit address induction variables of address
/// widening (transform/AddressWidening.cpp): the PHI's value is below 2^33
/// whenever it runs, as the check that chose its loop showed. Bounds of
/// address forms (transform/MemoryAddress.h, formBounds) read it, as they
/// read !range on loads.
inline constexpr const char *WidenedAddressMDName = "w2n.widened_address";
/// The bound WidenedAddressMDName promises.
inline constexpr uint64_t WidenedAddressBound = uint64_t(1) << 33;

/// Marks Phi, an i64 address recurrence, as below WidenedAddressBound.
void markWidenedAddress(llvm::PHINode &Phi);
/// Whether V is an i64 PHI with that mark.
bool isWidenedAddress(const llvm::Value &V);

// ---- Function attributes --------------------------------------------------

/// compile --epoch: the function attribute, set by lowering, that holds the
/// wasm function index an interruption reports (decimal); the functions
/// that have it get the epoch checks of transform/EpochChecks.cpp.
inline constexpr const char *EpochFuncIndexAttr = "wasm-epoch-func";

/// The attribute that marks a function of the baseline tier in the IR
/// (lower/CompilePlan.h; lowering sets it, codegen/Tiers.cpp reads it). Its
/// value says whether the locals are promoted to SSA values
/// (BaselineLocalsSSA) or stay in memory (BaselineLocalsInMemory: promotion
/// itself would grow faster than linearly, lower/CompilePlan.cpp).
inline constexpr const char *BaselineTierAttr = "wasm2native-baseline";
inline constexpr const char *BaselineLocalsSSA = "ssa";
inline constexpr const char *BaselineLocalsInMemory = "memory";

} // namespace w2n

#endif // WASM2NATIVE_IR_MARKERS_H
