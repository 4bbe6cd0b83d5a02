//===- FunctionTranslator.h - One wasm function to LLVM IR ------*- C++ -*-===//
///
/// \file
/// Internal to lower/: translates one function body. FunctionTranslator.cpp
/// owns the operand and control stacks and the single dispatch switch; the
/// instruction families are emitted by EmitNumeric.cpp, EmitMemory.cpp and
/// EmitReference.cpp (calls, tables, globals, references).
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_LOWER_FUNCTIONTRANSLATOR_H
#define WASM2NATIVE_LOWER_FUNCTIONTRANSLATOR_H

#include "decode/InstrReader.h"
#include "ir/InstanceContext.h"
#include "lower/ChunkContext.h"
#include "lower/Outlining.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/IRBuilder.h"

namespace w2n {

class FunctionTranslator {
public:
  FunctionTranslator(ChunkContext &CC, uint32_t FuncIndex, llvm::Function *F);
  /// Lowers part Region of a giant function instead (Outlining.h).
  FunctionTranslator(ChunkContext &CC, uint32_t FuncIndex, uint32_t Region);

  llvm::Error translate();

private:
  struct Frame {
    Opcode Kind; ///< Block, Loop, If, Else, or Nop for the function body.
    llvm::BasicBlock *Header = nullptr; ///< Loop: the branch target.
    llvm::BasicBlock *End = nullptr;    ///< Where control continues.
    llvm::BasicBlock *ElseBB = nullptr; ///< If: the false edge's block.
    llvm::SmallVector<llvm::PHINode *, 2> EndPhis;
    llvm::SmallVector<llvm::PHINode *, 2> HeaderPhis;
    llvm::SmallVector<ValType, 2> Params;
    llvm::SmallVector<ValType, 2> Results;
    /// If: the parameter values, which the else arm starts from again.
    llvm::SmallVector<llvm::Value *, 2> IfParams;
    size_t Height = 0;
  };

  // Control.
  void blockSignature(const Instr &I, llvm::SmallVectorImpl<ValType> &Params,
                      llvm::SmallVectorImpl<ValType> &Results);
  llvm::BasicBlock *newBlock(const llvm::Twine &Name);
  void makePhis(llvm::BasicBlock *BB, llvm::ArrayRef<ValType> Types,
                llvm::SmallVectorImpl<llvm::PHINode *> &Out);
  /// Adds the top values of the stack as incoming values of a branch from
  /// the current block to the frame Depth levels out; returns its target.
  llvm::BasicBlock *branchTarget(unsigned Depth);
  void emitBlock(const Instr &I);
  void emitLoop(const Instr &I);
  void emitIf(const Instr &I);
  void emitElse(const Instr &I);
  void emitEnd(const Instr &I);
  void emitBr(const Instr &I);
  void emitBrIf(const Instr &I);
  void emitBrTable(const Instr &I);
  void emitReturn();
  void setUnreachable();
  /// Continues in BB after a frame closes, pushing the values of Phis.
  void continueAt(llvm::BasicBlock *BB, llvm::ArrayRef<llvm::PHINode *> Phis);

  /// The storage of local Index (parameters first) and its type.
  struct LocalRef {
    llvm::Value *Ptr;
    llvm::Type *Ty;
  };
  LocalRef local(uint32_t Index);
  ValType localType(uint32_t Index) const;
  /// The instruction loop, from the reader's position until the outermost
  /// frame closes.
  llvm::Error translateBody(InstrReader &Reader);

  // Giant functions in parts (EmitOutlined.cpp).
  llvm::Error translatePart();
  void emitPartPrologue();
  /// What every prologue ends with: the alloca point, the stack check, the
  /// memory's object and base, epoch and fuel set-up.
  void emitPrologueEnd();
  /// Lowers the construct I (a part of its own) as a call of its part.
  void emitPartCall(const Instr &I, uint32_t Region);
  /// Stores the top N values of the stack to the frame's transfer slots.
  void storeTransfer(llvm::ArrayRef<ValType> Types);
  void loadTransfer(llvm::ArrayRef<ValType> Types);
  llvm::Value *frameSlot(uint32_t Slot);
  /// Types of the values a branch to the label Depth levels out carries.
  llvm::SmallVector<ValType, 2> labelTypes(unsigned Depth);
  /// Inside a part: the block that leaves it with exit code Exit, after the
  /// branch's values are stored.
  llvm::BasicBlock *partExit(uint32_t Exit);

  // Operand stack.
  void push(llvm::Value *V) { Stack.push_back(V); }
  llvm::Value *pop() {
    llvm::Value *V = Stack.back();
    Stack.pop_back();
    return V;
  }
  llvm::SmallVector<llvm::Value *, 4> popN(size_t N);

  // Traps: one block per kind and function.
  void trapIf(llvm::Value *Cond, w2n_trap_kind Kind);
  void trapAlways(w2n_trap_kind Kind);
  llvm::BasicBlock *trapBlock(w2n_trap_kind Kind);
  llvm::BasicBlock *newTrapBlock(w2n_trap_kind Kind);
  /// The bounds check of one memory access: traps out of bounds when Cond
  /// holds, through a trap block of its own whose call carries the
  /// BoundsCheckMDName mark (ir/Markers.h).
  void checkAccess(llvm::Value *Cond);

  // The instance context (its loads are built by ir/InstanceContext.h).
  /// rt->Fn(Args...); Args starts with the vmctx.
  llvm::Value *callRuntime(RuntimeFn Fn, llvm::ArrayRef<llvm::Value *> Args);
  void emitPrologue();
  void emitStackCheck();
  bool needsStackCheck() const;
  // Resource limits (EmitLimits.cpp).
  /// Starts a straight-line region at the builder's position: charges its
  /// instruction count (patched in when the region ends) against the fuel.
  void beginFuelRegion();
  void finishFuelRegion();
  /// compile --epoch: marks the function for transform/EpochChecks.cpp.
  void markForEpochChecks();
  /// Stores the load sinks (EmitMemory.cpp) to vmctx->load_sink at the
  /// builder's position; nothing when the function loads nothing.
  void emitSinkStore(llvm::IRBuilder<> &At);
  /// Completes the trap blocks once every load sink is known.
  void finishTrapBlocks();
  /// Tags every load and store with the TBAA tag of its storage.
  void annotateAliasing();

  // Instruction families (Emit*.cpp).
  void emitNumeric(const Instr &I);
  void emitConst(const Instr &I);
  llvm::Value *fenceIdentity(llvm::Value *V);
  llvm::Value *quietNaN(llvm::Value *V);
  llvm::Value *emitRounding(llvm::Intrinsic::ID ID, llvm::Value *V);
  llvm::Value *emitIntDivRem(Opcode Op, llvm::Value *L, llvm::Value *R);
  llvm::Value *emitTruncToInt(Opcode Op, llvm::Value *V);
  llvm::Value *emitSatTrunc(Opcode Op, llvm::Value *V);
  void emitLoad(const Instr &I);
  void emitStore(const Instr &I);
  llvm::Value *effectiveAddress(const Instr &I, llvm::Value *Addr,
                                unsigned Size);
  /// Memory Index's w2n_memory and base, loaded once in the entry block.
  llvm::Value *memoryObject(uint32_t Index);
  llvm::Value *memoryBase(uint32_t Index);
  llvm::Value *loadMemorySize(uint32_t Index);
  void sinkLoadedValue(llvm::Value *V);
  void emitMemoryOp(const Instr &I);
  void emitSimd(const Instr &I);
  llvm::Value *emitSwizzle(llvm::Value *Src, llvm::Value *Idx);
  /// memory.grow/table.grow of an i64 memory or table: Grow makes the
  /// runtime call with an i32 delta; the result is the i64 answer.
  llvm::Value *
  emitGrow64(llvm::Value *Delta,
             llvm::function_ref<llvm::Value *(llvm::Value *Delta32)> Grow);
  /// i16x8.q15mulr_sat_s of L and R (<8 x i16>), saturating.
  llvm::Value *emitQ15MulrSat(llvm::Value *L, llvm::Value *R);
  /// Relaxed SIMD (EmitRelaxedSimd.cpp); true if I is one.
  bool emitRelaxedSimd(const Instr &I);
  llvm::Value *emitSimdConversion(Opcode Op, llvm::Value *V);
  void emitCall(const Instr &I);
  void emitCallIndirect(const Instr &I);
  /// Calls Callee with the arguments on the stack; Tail: return_call*,
  /// which returns the callee's results.
  llvm::Value *emitCallTo(llvm::FunctionCallee Callee, uint32_t TypeIndex,
                          llvm::Value *CalleeVMCtx, bool Tail = false);
  void emitGlobal(const Instr &I);
  void emitReference(const Instr &I);
  void emitTableOp(const Instr &I);
  llvm::Value *tablePtr(uint32_t TableIndex);

  ChunkContext &CC;
  const Module &M;
  uint32_t FuncIndex;
  const Function &WF;
  const FuncType &Type;
  llvm::Function *F;
  llvm::LLVMContext &Ctx;
  llvm::IRBuilder<> B;
  llvm::Value *VMCtx = nullptr;
  /// Per memory used so far: its w2n_memory and base (memory 0's are
  /// loaded by every prologue). Maps, not arrays: a module may declare many
  /// memories and many functions, and each function pays only for the
  /// memories it uses.
  llvm::SmallDenseMap<uint32_t, llvm::Value *, 2> MemObjects;
  llvm::SmallDenseMap<uint32_t, llvm::Value *, 2> MemBases;
  /// Guard mode: per loaded type, the OR of every value loaded so far.
  llvm::SmallVector<llvm::AllocaInst *, 4> LoadSinks;
  /// Where allocas and their initialising stores go in the entry block.
  llvm::Instruction *AllocaPoint = nullptr;
  /// The parameters and (unless LazyLocals) the declared locals.
  std::vector<llvm::AllocaInst *> Locals;
  /// Per run of declared locals: the index after its last, and its type.
  std::vector<std::pair<uint64_t, ValType>> LocalRunEnds;
  /// More locals are declared than the body could use: each is made when
  /// first used.
  bool LazyLocals = false;
  llvm::DenseMap<uint32_t, llvm::AllocaInst *> LazyLocalMap;
  llvm::SmallVector<llvm::Value *, 32> Stack;
  llvm::SmallVector<Frame, 16> Frames;
  llvm::DenseMap<unsigned, llvm::BasicBlock *> TrapBlocks;
  /// Giant functions: the parts, the frame of the locals (both in the
  /// function and in its parts), the part this translator lowers (if it
  /// does) and its exit blocks.
  const OutlinePlan *Outline = nullptr;
  llvm::Value *FramePtr = nullptr;
  const OutlinedRegion *Part = nullptr;
  llvm::DenseMap<uint32_t, llvm::BasicBlock *> ExitBlocks;
  /// Instructions of a construct lowered as a part, still to skip.
  unsigned SkipDepth = 0;
  /// The charge of the current fuel region and how many instructions it
  /// has covered so far.
  llvm::Instruction *FuelCharge = nullptr;
  uint64_t FuelCount = 0;
  /// Guard mode's provisional bounds checks (LoweringOptions), unless the
  /// function is of the baseline tier.
  bool ProvisionalChecks = false;
  bool Unreachable = false;
  unsigned DeadDepth = 0;
  llvm::MDNode *Unlikely = nullptr;
};

} // namespace w2n

#endif // WASM2NATIVE_LOWER_FUNCTIONTRANSLATOR_H
