//===- Compile.cpp - Compile a validated module to native code ------------===//
//
// plan (tiers and chunks, lower/CompilePlan.h) -> lower (per chunk) ->
// optimise (new pass manager) -> codegen (per chunk, on N threads) -> lld
// in process. The plan depends on the module only, never on the thread
// count, and each chunk gets its own LLVMContext and TargetMachine, so
// every -j gives the same objects in the same order and the linked file is
// byte-identical.
//
//===----------------------------------------------------------------------===//

#include "codegen/Compile.h"

#include "codegen/Link.h"
#include "codegen/Tiers.h"
#include "lower/Lowering.h"
#include "targets/TargetInfo.h"
#include "transform/AddressWidening.h"
#include "transform/BoundsCheckElision.h"
#include "transform/EpochChecks.h"
#include "transform/LoadSinkPruning.h"
#include "transform/ReturnCalls.h"
#include "transform/ScanVectorization.h"
#include "transform/ShuffleLanePruning.h"
#include "wasm2native/abi.h"

#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/LoopAnalysisManager.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/PassManager.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/StandardInstrumentations.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <mutex>

using namespace llvm;

namespace w2n {

namespace {

/// Functions of roughly this much wasm code go into one chunk: big enough
/// that small and medium modules stay one unit (no lost inlining), small
/// enough that large modules spread over the threads.
constexpr uint64_t ChunkBytes = 512 * 1024;

void initializeLLVMTargets() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    InitializeAllTargetInfos();
    InitializeAllTargets();
    InitializeAllTargetMCs();
    InitializeAllAsmPrinters();
  });
}

/// Sets one of LLVM's process-wide options of type T, unless the user set
/// it on the command line (--mllvm) and KeepUserSetting says to keep that.
template <typename T>
void setLLVMOption(StringRef Name, T Value, bool KeepUserSetting) {
  static std::mutex Lock;
  std::lock_guard<std::mutex> Guard(Lock);
  auto &Options = cl::getRegisteredOptions();
  auto It = Options.find(Name);
  if (It == Options.end() ||
      (KeepUserSetting && It->second->getNumOccurrences() > 0))
    return;
  static_cast<cl::opt<T> *>(It->second)->setValue(Value);
}

/// Code generation merges neighbouring stores into one wider store. A wasm
/// store that traps must leave the stores before it done, and with guard
/// pages a merged store that reaches past the end of memory faults as a
/// whole, losing them (test/spec/extra/store-merging.wast). The option is
/// process-wide (so it is off in both bounds-check modes), and it is set
/// before every compile: once lld has linked in the process, the registry
/// holds more options and its entry for this one reads the default again
/// (seen with LLVM 19; store-merging.wast runs after other scripts).
void disableStoreMerging() {
  setLLVMOption<bool>("combiner-store-merging", false,
                      /*KeepUserSetting=*/false);
}

/// Full unrolling of a loop with a constant trip count is decided by the
/// loop's size, and every memory access of a loop carries a bounds check
/// while the optimiser runs (in guard mode a provisional one, which
/// BoundsCheckElision removes afterwards): an add, a compare and a branch
/// that LLVM's default threshold (150 at -O2) counts as if they stayed.
/// 200 gives back to such loops what their checks take (sha256's 16-word
/// message load is unrolled again: 2.4% fewer instructions in guard mode,
/// no other benchmark changes). Process-wide like the option above, so the
/// same in every bounds-check mode; `--mllvm=-unroll-threshold-default=N`
/// still wins, as a user's setting is never overridden.
void tuneFullUnrolling() {
  setLLVMOption<unsigned>("unroll-threshold-default", 200,
                          /*KeepUserSetting=*/true);
}

/// The target's settings (targets/, where every default is resolved) and
/// what LLVM makes of them.
struct ResolvedTarget : TargetSettings {
  const llvm::Target *LLVMTarget = nullptr;
  CodeGenOptLevel OptLevel = CodeGenOptLevel::Default;
};

Expected<ResolvedTarget> resolveTarget(const CodegenOptions &Opts) {
  Expected<TargetSettings> S = resolveTargetSettings(
      {Opts.Triple, Opts.CPU, Opts.Features, Opts.Bounds});
  if (!S)
    return S.takeError();
  ResolvedTarget R;
  static_cast<TargetSettings &>(R) = std::move(*S);
  std::string Err;
  R.LLVMTarget = TargetRegistry::lookupTarget(R.Triple, Err);
  if (!R.LLVMTarget)
    return createStringError(inconvertibleErrorCode(), "%s", Err.c_str());
  switch (Opts.OptLevel) {
  case 0:
    R.OptLevel = CodeGenOptLevel::None;
    break;
  case 1:
    R.OptLevel = CodeGenOptLevel::Less;
    break;
  case 2:
    R.OptLevel = CodeGenOptLevel::Default;
    break;
  default:
    R.OptLevel = CodeGenOptLevel::Aggressive;
    break;
  }
  return R;
}

std::unique_ptr<TargetMachine> createTargetMachine(const ResolvedTarget &R,
                                                   Tier ChunkTier) {
  // A chunk of baseline functions is compiled without optimisation: fast
  // instruction selection and register allocation, no scheduling.
  CodeGenOptLevel OptLevel =
      ChunkTier == Tier::Baseline ? CodeGenOptLevel::None : R.OptLevel;
  TargetOptions TO;
  // Exact IEEE semantics: no fast-math of any kind.
  TO.UnsafeFPMath = false;
  TO.NoInfsFPMath = false;
  TO.NoNaNsFPMath = false;
  TO.FunctionSections = false;
  // Baseline chunks: every branch in its long form, so the assembler keeps
  // no relaxation record per branch until the object is written (a tenth
  // of the memory of a huge function; the code grows by about a fifth).
  TO.MCOptions.MCRelaxAll = ChunkTier == Tier::Baseline;
  return std::unique_ptr<TargetMachine>(R.LLVMTarget->createTargetMachine(
      R.Triple, R.CPU, R.Features, TO, Reloc::PIC_, std::nullopt, OptLevel));
}

void optimize(llvm::Module &LM, TargetMachine &TM, unsigned OptLevel,
              BoundsChecks Bounds, uint64_t GuardBytes, Tier ChunkTier) {
  bool GuardPages = Bounds == BoundsChecks::Guard;
  LoopAnalysisManager LAM;
  FunctionAnalysisManager FAM;
  CGSCCAnalysisManager CGAM;
  ModuleAnalysisManager MAM;
  // Standard instrumentation makes LLVM's own options work on our pipeline
  // (`compile --mllvm=-print-after=...`, `-time-passes`).
  PassInstrumentationCallbacks PIC;
  StandardInstrumentations SI(LM.getContext(), /*DebugLogging=*/false);
  SI.registerCallbacks(PIC, &MAM);
  PassBuilder PB(&TM, PipelineTuningOptions(), std::nullopt, &PIC);
  // Without memset/memcpy among the library functions, MemCpyOpt does not
  // merge neighbouring stores into one memset (which, with guard pages,
  // would fault as a whole where the wasm stores before the trapping one
  // must be done; test/spec/extra/store-merging.wast) and LoopIdiom does
  // not turn loops into calls.
  TargetLibraryInfoImpl TLII(TM.getTargetTriple());
  for (LibFunc F : {LibFunc_memset, LibFunc_memcpy, LibFunc_memmove,
                    LibFunc_memset_pattern16})
    TLII.setUnavailable(F);
  FAM.registerPass([&] { return TargetLibraryAnalysis(TLII); });
  PB.registerModuleAnalyses(MAM);
  PB.registerCGSCCAnalyses(CGAM);
  PB.registerFunctionAnalyses(FAM);
  PB.registerLoopAnalyses(LAM);
  PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
  // The baseline tier's functions (lower/CompilePlan.h) get their own
  // pipeline first and are optnone from then on.
  runBaselineTier(LM, FAM);
  if (ChunkTier == Tier::Baseline)
    return;
  OptimizationLevel Level = OptLevel == 0   ? OptimizationLevel::O0
                            : OptLevel == 1 ? OptimizationLevel::O1
                            : OptLevel == 2 ? OptimizationLevel::O2
                                            : OptimizationLevel::O3;
  // Before the vectoriser: 64-bit address recurrences in loops where no
  // wasm32 address wraps (transform/AddressWidening.cpp); then a vector
  // search ahead of early-exit loops (transform/ScanVectorization.cpp).
  PB.registerVectorizerStartEPCallback(
      [GuardPages](FunctionPassManager &FPM, OptimizationLevel Level) {
        // -O0 runs the callback too; the loops are not in shape there.
        if (Level == OptimizationLevel::O0)
          return;
        FPM.addPass(AddressWideningPass(/*ProvisionalChecks=*/GuardPages));
        FPM.addPass(ScanVectorizationPass());
      });
  ModulePassManager MPM = Level == OptimizationLevel::O0
                              ? PB.buildO0DefaultPipeline(Level)
                              : PB.buildPerModuleDefaultPipeline(Level);
  // On the optimiser's result: make shuffle lanes nothing reads poison, hand
  // the provisional bounds checks of guard mode to the guard pages where
  // they can do it exactly, take the loads that no longer need it out of
  // the load sink, and place the epoch checks on the final loops.
  FunctionPassManager Late;
  Late.addPass(ShuffleLanePruningPass());
  if (GuardPages && OptLevel > 0)
    Late.addPass(BoundsCheckElisionPass((uint64_t(1) << 32) + GuardBytes));
  Late.addPass(LoadSinkPruningPass());
  Late.addPass(EpochCheckPass());
  Late.addPass(HugeBlockGuardPass());
  Late.addPass(ReturnCallsPass());
  // Each function is final here: free its analyses now rather than hold
  // those of every function until the end of the module.
  Late.addPass(InvalidateAllAnalysesPass());
  MPM.addPass(createModuleToFunctionPassAdaptor(std::move(Late)));
  MPM.run(LM, MAM);
}

/// CodegenOptions::ModuleName: the names that let a module be linked into a
/// program with others. The linker defines __start_/__stop_ symbols for a
/// section whose name is a C identifier; the code of every function goes
/// there, trampolines included, so that the range covers all of it.
void nameForLinking(llvm::Module &LM, StringRef Name) {
  if (GlobalVariable *D = LM.getNamedGlobal(W2N_DESCRIPTOR_SYMBOL)) {
    D->setName(Name + "_wasm2native_descriptor");
    D->setVisibility(GlobalValue::HiddenVisibility);
  }
  std::string Section = ("w2n_text_" + Name).str();
  for (llvm::Function &F : LM)
    if (!F.isDeclaration())
      F.setSection(Section);
}

/// Lowers, optimises and emits chunk ChunkIndex of Plan; Out receives the
/// object, the assembly or the IR text.
Error compileChunk(const Module &M, const ModuleSymbols &Syms,
                   const CompilePlan &Plan, size_t ChunkIndex,
                   const ResolvedTarget &R, const CodegenOptions &Opts,
                   SmallVectorImpl<char> &Out) {
  LLVMContext Ctx;
  // Names of local values only help someone reading IR or assembly; in
  // objects they cost memory and time (a huge function has millions).
  Ctx.setDiscardValueNames(Opts.Emit == EmitKind::SharedObject ||
                           Opts.Emit == EmitKind::Object);
  Tier ChunkTier = Plan.Chunks[ChunkIndex].T;
  std::unique_ptr<TargetMachine> TM = createTargetMachine(R, ChunkTier);
  LoweringOptions LO;
  LO.Bounds = R.Bounds;
  LO.ProvisionalChecks = R.Bounds == BoundsChecks::Guard && Opts.OptLevel > 0;
  LO.GuardBytes = R.GuardBytes;
  LO.Triple = R.Triple;
  LO.DataLayout = TM->createDataLayout().getStringRepresentation();
  LO.CPU = R.CPU;
  LO.Features = R.Features;
  LO.Fuel = Opts.Fuel;
  LO.Epoch = Opts.Epoch;
  LO.QuietRounding = R.Defaults->RoundingKeepsSNaN;
  bool X86 = TM->getTargetTriple().isX86();
  const MCSubtargetInfo &STI = *TM->getMCSubtargetInfo();
  LO.HasSSSE3 = X86 && STI.checkFeatures("+ssse3");
  LO.HasSSE41 = X86 && STI.checkFeatures("+sse4.1");
  // AArch64 (fmla) and RV64GC (fmadd) always have a fused multiply-add;
  // x86-64 from FMA3 (Haswell) on.
  LO.FusedMultiplyAdd = !X86 || STI.checkFeatures("+fma");
  Expected<std::unique_ptr<llvm::Module>> LM =
      lowerChunk(M, Syms, Plan, ChunkIndex, LO, Ctx);
  if (!LM)
    return LM.takeError();
  optimize(**LM, *TM, Opts.OptLevel, R.Bounds, R.GuardBytes, ChunkTier);
  if (!Opts.ModuleName.empty())
    nameForLinking(**LM, Opts.ModuleName);

  raw_svector_ostream OS(Out);
  if (Opts.Emit == EmitKind::LLVMIR) {
    (*LM)->print(OS, nullptr);
    return Error::success();
  }
  legacy::PassManager PM;
  CodeGenFileType FT = Opts.Emit == EmitKind::Assembly
                           ? CodeGenFileType::AssemblyFile
                           : CodeGenFileType::ObjectFile;
  if (TM->addPassesToEmitFile(PM, OS, nullptr, FT))
    return createStringError(inconvertibleErrorCode(),
                             "the %s backend cannot emit this file type",
                             R.Triple.c_str());
  PM.run(**LM);
  return Error::success();
}

Error writeFile(StringRef Path, ArrayRef<char> Data) {
  std::error_code EC;
  ToolOutputFile Out(Path, EC, sys::fs::OF_None);
  if (EC)
    return createFileError(Path, EC);
  Out.os().write(Data.data(), Data.size());
  Out.os().close();
  if (Out.os().has_error())
    return createFileError(Path, Out.os().error());
  Out.keep();
  return Error::success();
}

} // namespace

Error printTargetHelp(const CodegenOptions &Opts, bool Features,
                      raw_ostream &OS) {
  initializeLLVMTargets();
  CodegenOptions Plain = Opts;
  Plain.CPU.clear();
  Plain.Features.clear();
  Expected<ResolvedTarget> R = resolveTarget(Plain);
  if (!R)
    return R.takeError();
  std::unique_ptr<MCSubtargetInfo> STI(
      R->LLVMTarget->createMCSubtargetInfo(R->Triple, "", ""));
  if (Features) {
    OS << "Features of " << R->Triple << " (default: "
       << (R->Defaults->Features[0] ? R->Defaults->Features : "none") << "):\n";
    for (const SubtargetFeatureKV &F : STI->getAllProcessorFeatures())
      OS << "  " << left_justify(F.Key, 28) << F.Desc << "\n";
    return Error::success();
  }
  OS << "CPUs of " << R->Triple << " (default: " << R->Defaults->CPU
     << "; 'native' is the build host's):\n";
  for (const SubtargetSubTypeKV &C : STI->getAllProcessorDescriptions())
    OS << "  " << C.Key << "\n";
  return Error::success();
}

Error checkCodegenOptions(const CodegenOptions &Opts) {
  if (!Opts.ModuleName.empty()) {
    if (Opts.Emit == EmitKind::SharedObject)
      return createStringError(inconvertibleErrorCode(),
                               "--module-name is for objects (--emit=obj); "
                               "a shared object keeps its one exported "
                               "symbol");
    StringRef N = Opts.ModuleName;
    if (isDigit(N.front()) ||
        !all_of(N, [](char C) { return isAlnum(C) || C == '_'; }))
      return createStringError(inconvertibleErrorCode(),
                               "--module-name '%s' is not a C identifier",
                               Opts.ModuleName.c_str());
  }
  initializeLLVMTargets();
  return resolveTarget(Opts).takeError();
}

Error compileModule(const Module &M, const CodegenOptions &Opts,
                    StringRef OutPath) {
  if (Error E = checkCodegenOptions(Opts))
    return E;
  disableStoreMerging();
  tuneFullUnrolling();
  Expected<ResolvedTarget> R = resolveTarget(Opts);
  if (!R)
    return R.takeError();
  ModuleSymbols Syms = assignSymbols(M);

  // Only a shared object can be made of several objects; every other form
  // is one unit (whose baseline functions are then optnone).
  PlanOptions PO;
  PO.OptLevel = Opts.OptLevel;
  PO.Split = Opts.Emit == EmitKind::SharedObject;
  PO.ChunkBytes = ChunkBytes;
  CompilePlan Plan = planCompile(M, Syms, PO);
  if (Opts.PrintPlan)
    printPlan(M, Plan, errs());
  size_t NumChunks = Plan.Chunks.size();
  std::vector<SmallVector<char, 0>> Outputs(NumChunks);
  std::vector<Error> Errors;
  for (size_t I = 0; I < NumChunks; ++I)
    Errors.push_back(Error::success());
  auto Run = [&](size_t I) {
    Errors[I] = compileChunk(M, Syms, Plan, I, *R, Opts, Outputs[I]);
  };
  if (Opts.Threads <= 1 || NumChunks == 1) {
    for (size_t I = 0; I < NumChunks; ++I)
      Run(I);
  } else {
    DefaultThreadPool Pool(hardware_concurrency(Opts.Threads));
    for (size_t I = 0; I < NumChunks; ++I)
      Pool.async(Run, I);
    Pool.wait();
  }
  Error All = Error::success();
  for (Error &E : Errors)
    All = joinErrors(std::move(All), std::move(E));
  if (All)
    return All;

  if (Opts.Emit != EmitKind::SharedObject)
    return writeFile(OutPath, Outputs[0]);
  return linkSharedObject(Outputs, OutPath, Triple(R->Triple));
}

} // namespace w2n
