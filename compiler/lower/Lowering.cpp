//===- Lowering.cpp - Lower a validated module to LLVM IR -----------------===//

#include "lower/Lowering.h"

#include "decode/InstrReader.h"
#include "ir/Markers.h"
#include "lower/ChunkContext.h"
#include "lower/Descriptor.h"
#include "lower/FunctionTranslator.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace w2n {

ModuleSymbols assignSymbols(const Module &M) {
  ModuleSymbols S;
  uint32_t N = M.numFuncs();
  S.FuncSymbols.resize(N);
  S.FuncNames.resize(N);
  StringSet<> Used;
  for (uint32_t I = 0; I < N; ++I) {
    auto It = M.DebugNames.Functions.find(I);
    if (It != M.DebugNames.Functions.end())
      S.FuncNames[I] = It->second;
  }
  // In index order, so the first function of a name keeps the plain symbol
  // and later ones get the suffix. The runtime maps symbols back to indices
  // by this rule (LoadedModule::readSymbols) to name backtrace frames.
  for (uint32_t I = M.numImported(ExternKind::Func); I < N; ++I) {
    std::string Base = S.FuncNames[I].empty() ? "wasm:func" + std::to_string(I)
                                              : "wasm:" + S.FuncNames[I];
    // NUL cannot be part of a symbol name.
    std::replace(Base.begin(), Base.end(), '\0', '?');
    std::string Name = Base;
    for (unsigned K = 1; !Used.insert(Name).second; ++K)
      Name = Base + "." + std::to_string(K);
    S.FuncSymbols[I] = Name;
  }

  S.Escapes.assign(N, false);
  S.NeedsHostTrampoline.assign(M.Types.size(), false);
  auto Escape = [&](uint32_t F) {
    if (F < N)
      S.Escapes[F] = true;
  };
  auto ScanRefFuncs = [&](ExprRange E) {
    InstrReader R(M, E);
    Instr I;
    while (R.next(I)) {
      if (I.Op == Opcode::RefFunc)
        Escape(I.Index);
      else if ((I.Op == Opcode::CallIndirect ||
                I.Op == Opcode::ReturnCallIndirect) &&
               I.Index < M.Types.size())
        S.NeedsHostTrampoline[I.Index] = true;
    }
    consumeError(R.takeError());
  };
  for (const Export &E : M.Exports)
    if (E.Kind == ExternKind::Func)
      Escape(E.Index);
  if (M.Start)
    Escape(*M.Start);
  for (const ElemSegment &Seg : M.Elems) {
    for (uint32_t F : Seg.FuncIndices)
      Escape(F);
    for (ExprRange E : Seg.Exprs)
      ScanRefFuncs(E);
  }
  for (const Global &G : M.Globals)
    ScanRefFuncs(G.Init);
  for (const Function &F : M.Functions)
    ScanRefFuncs(F.Body);

  S.NeedsInvoke.assign(M.Types.size(), false);
  for (uint32_t F = 0; F < N; ++F) {
    if (F < M.numImported(ExternKind::Func))
      S.NeedsHostTrampoline[M.funcTypeIndex(F)] = true;
    else if (S.Escapes[F])
      S.NeedsInvoke[M.funcTypeIndex(F)] = true;
  }
  return S;
}

Expected<std::unique_ptr<llvm::Module>>
lowerChunk(const Module &M, const ModuleSymbols &Syms, const CompilePlan &Plan,
           size_t ChunkIndex, const LoweringOptions &Opts, LLVMContext &Ctx) {
  auto LM = std::make_unique<llvm::Module>("wasm2native", Ctx);
  LM->setSourceFileName("wasm2native");
  LM->setTargetTriple(Opts.Triple);
  LM->setDataLayout(Opts.DataLayout);
  ChunkContext CC(M, Syms, Plan, Opts, *LM);

  uint32_t Imported = M.numImported(ExternKind::Func);
  const ChunkPlan &Chunk = Plan.Chunks[ChunkIndex];
  for (uint32_t I : Chunk.Funcs) {
    uint32_t FuncIndex = Imported + I;
    llvm::Function *F = CC.getOrDeclareFunction(FuncIndex);
    if (Error E = FunctionTranslator(CC, FuncIndex, F).translate())
      return std::move(E);
    if (Plan.Tiers[I] == Tier::Baseline)
      F->addFnAttr(BaselineTierAttr, Plan.Promote[I] ? BaselineLocalsSSA
                                                     : BaselineLocalsInMemory);
  }
  // Parts of giant functions (Outlining.h), in this chunk or another than
  // their function's.
  for (auto [I, Region] : Chunk.Parts) {
    uint32_t FuncIndex = Imported + I;
    FunctionTranslator T(CC, FuncIndex, Region);
    if (Error E = T.translate())
      return std::move(E);
    if (Plan.Tiers[I] == Tier::Baseline)
      CC.getOrDeclarePart(FuncIndex, Region)
          ->addFnAttr(BaselineTierAttr, BaselineLocalsInMemory);
  }
  if (Chunk.WithMetadata)
    emitDescriptor(CC);

  std::string VerifyErrors;
  raw_string_ostream OS(VerifyErrors);
  if (verifyModule(*LM, &OS))
    report_fatal_error(Twine("wasm2native produced invalid LLVM IR: ") +
                       OS.str());
  return std::move(LM);
}

} // namespace w2n
