//===- Lowering.cpp - Lower a validated module to LLVM IR -----------------===//

#include "lower/Lowering.h"

#include "decode/InstrReader.h"
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
  auto Escape = [&](uint32_t F) {
    if (F < N)
      S.Escapes[F] = true;
  };
  auto ScanRefFuncs = [&](ExprRange E) {
    InstrReader R(M, E);
    Instr I;
    while (R.next(I))
      if (I.Op == Opcode::RefFunc)
        Escape(I.Index);
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
  return S;
}

std::vector<uint32_t> partitionFunctions(const Module &M,
                                         uint64_t TargetBytes) {
  std::vector<uint32_t> Starts;
  uint64_t Bytes = 0;
  for (uint32_t I = 0; I < M.Functions.size(); ++I) {
    if (Starts.empty() || Bytes >= TargetBytes) {
      Starts.push_back(I);
      Bytes = 0;
    }
    Bytes += M.Functions[I].Body.Size + 16;
  }
  if (Starts.empty())
    Starts.push_back(0);
  return Starts;
}

Expected<std::unique_ptr<llvm::Module>>
lowerChunk(const Module &M, const ModuleSymbols &Syms,
           const LoweringOptions &Opts, LLVMContext &Ctx, uint32_t Begin,
           uint32_t End, bool WithMetadata) {
  auto LM = std::make_unique<llvm::Module>("wasm2native", Ctx);
  LM->setSourceFileName("wasm2native");
  LM->setTargetTriple(Opts.Triple);
  LM->setDataLayout(Opts.DataLayout);
  ChunkContext CC(M, Syms, Opts, *LM);

  uint32_t Imported = M.numImported(ExternKind::Func);
  for (uint32_t I = Begin; I < End; ++I) {
    uint32_t FuncIndex = Imported + I;
    llvm::Function *F = CC.getOrDeclareFunction(FuncIndex);
    if (Error E = FunctionTranslator(CC, FuncIndex, F).translate())
      return std::move(E);
  }
  if (WithMetadata)
    emitDescriptor(CC);

  std::string VerifyErrors;
  raw_string_ostream OS(VerifyErrors);
  if (verifyModule(*LM, &OS))
    report_fatal_error(Twine("wasm2native produced invalid LLVM IR: ") +
                       OS.str());
  return std::move(LM);
}

} // namespace w2n
