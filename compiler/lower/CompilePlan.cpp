//===- CompilePlan.cpp - Tiers and chunks, decided from the wasm ----------===//
//
// The costs below are CPU microseconds on the development machine (a core
// of an AMD EPYC VM), fitted to compiles of real modules (the benchmarks,
// bench/gen-large.py, the sightglass samples) and of bench/hostile/gen.py's
// shapes at each tier (`--mllvm=-wasm2native-force-tier=...`); see
// docs/performance.md. The prediction needs to be right only to within the
// margin the budget keeps: a function on which a pass would blow up is
// caught by a threshold, not by the prediction.
//
//===----------------------------------------------------------------------===//

#include "lower/CompilePlan.h"

#include "lower/FunctionMetrics.h"
#include "lower/Lowering.h"
#include "lower/Outlining.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"

#include <algorithm>
#include <numeric>

using namespace llvm;

namespace w2n {

namespace {

// For tests and for fitting the cost model (`compile --mllvm=...`): they
// change what the plan decides, never how a tier compiles.
cl::opt<std::string>
    ForceTier("wasm2native-force-tier", cl::Hidden,
              cl::desc("Put every function in this tier (optimized or "
                       "baseline) whatever the thresholds and the budget"));
cl::opt<double>
    BudgetScale("wasm2native-budget-scale", cl::Hidden, cl::init(1.0),
                cl::desc("Multiply the compile budget by this factor"));

/// What promoting the locals to SSA values costs (mem2reg, also inside
/// SROA): for each local, a scan of each block it is used in from the
/// block's start, and a walk over the blocks to place its phis.
uint64_t promotionCost(const FunctionMetrics &F) {
  return F.Locals * (F.MaxBlockInstrs + F.Blocks);
}

/// A shape on which some pass of the -O2 pipeline grows faster than
/// linearly; a function past the limit is compiled at the baseline tier
/// whatever the budget. The limits are far above what compilers emit for
/// real programs (the largest seen in the benchmarks and the sightglass
/// samples is in parentheses), at a size where the pass still costs a
/// fraction of a second (bench/hostile/gen.py measures each shape).
struct Threshold {
  const char *What;
  uint64_t (*Measure)(const FunctionMetrics &);
  uint64_t Limit;
};

constexpr Threshold Thresholds[] = {
    // The machine scheduler orders each region between calls as a whole
    // (quadratic); DSE and GVN walk memory dependences along it (2105).
    {"instructions in one basic block",
     [](const FunctionMetrics &F) { return F.MaxStraightLine; }, 10000},
    {"instructions", [](const FunctionMetrics &F) { return F.Instrs; }, 100000},
    // Switch lowering, jump threading and SimplifyCFG over the cases (96).
    {"br_table targets",
     [](const FunctionMetrics &F) { return F.MaxSwitchTargets; }, 1024},
    // Dominator-tree walks that recurse or rescan per level (52). A switch
    // is as many nested blocks as cases, so this stays above the switch
    // limit.
    {"nested blocks", [](const FunctionMetrics &F) { return F.MaxDepth; },
     2000},
    // LCSSA, LICM and loop simplification per level of the nest (7).
    {"nested loops", [](const FunctionMetrics &F) { return F.MaxLoopDepth; },
     100},
    // SCCP tracks each member of a struct of results; SelectionDAG chains
    // every value of a call or a return (23).
    {"values crossing one call or branch",
     [](const FunctionMetrics &F) { return F.MaxArity; }, 256},
    {"operands on the stack",
     [](const FunctionMetrics &F) { return F.MaxStack; }, 1500},
    // Full unrolling updates the function's analyses per loop, and turns
    // a run of small counted loops into one huge block (250k, printf).
    {"loops times instructions",
     [](const FunctionMetrics &F) { return F.Loops * F.Instrs; }, 2'000'000},
    {"locals times block length and blocks", promotionCost, 20'000'000},
};

/// Beyond this promotionCost even the baseline tier leaves the locals in
/// memory.
constexpr uint64_t MaxBaselinePromotionCost = 20'000'000;
/// Trampolines of types with more parameters or results than this are
/// baseline (SelectionDAG grows faster than linearly in them).
constexpr uint64_t MaxOptimizedTrampolineArity = 256;

// Predicted CPU microseconds. Calls stand for inlining, which multiplies
// the code the optimiser sees.
constexpr double OptimizedPerFunction = 300;
constexpr double OptimizedPerInstr = 36;
constexpr double OptimizedPerBlock = 50;
constexpr double OptimizedPerCall = 800;
constexpr double BaselinePerFunction = 70;
constexpr double BaselinePerInstr = 4;
constexpr double BaselinePerBlock = 10;
constexpr double BaselinePerCall = 30;
constexpr double OptimizedPerTrampoline = 1100;
constexpr double BaselinePerTrampoline = 150;
/// Chunks of baseline functions hold this fraction of the code of an
/// optimised chunk.
constexpr uint64_t BaselineChunkDivisor = 4;
/// What a trampoline weighs in a chunk, in bytes of wasm code.
constexpr uint64_t TrampolineWeight = 64;
/// Start-up, the descriptor, the link.
constexpr double FixedCost = 120'000;

/// The bound of issue 14, and the share of it the prediction may use: the
/// rest absorbs the model's error (from 0.85 to 1.7 times the prediction
/// on the modules it was fitted to; once the costliest functions are
/// demoted, the rest is predicted better) and a busy machine.
constexpr double BudgetBase = 1'000'000;
constexpr double BudgetPerMiB = 10'000'000;
constexpr double BudgetShare = 0.65;

double optimizedCost(const FunctionMetrics &F) {
  return OptimizedPerFunction + OptimizedPerInstr * double(F.Instrs) +
         OptimizedPerBlock * double(F.Blocks) +
         OptimizedPerCall * double(F.Calls);
}

double baselineCost(const FunctionMetrics &F) {
  return BaselinePerFunction + BaselinePerInstr * double(F.Instrs) +
         BaselinePerBlock * double(F.Blocks) +
         BaselinePerCall * double(F.Calls);
}

std::string thresholdReason(const FunctionMetrics &F) {
  for (const Threshold &T : Thresholds)
    if (uint64_t V = T.Measure(F); V > T.Limit)
      return std::to_string(V) + " " + T.What + " (limit " +
             std::to_string(T.Limit) + ")";
  return "";
}

/// Demotes optimised functions, those whose optimisation costs most first
/// (ties by index, so the order depends on the module only), and the
/// trampolines as one unit, until Predicted fits Budget.
void fitBudget(ArrayRef<FunctionMetrics> Metrics, size_t NumTrampolines,
               double Budget, double &Predicted, CompilePlan &P) {
  auto Saving = [&](uint32_t I) {
    return optimizedCost(Metrics[I]) - baselineCost(Metrics[I]);
  };
  std::vector<uint32_t> Order;
  for (uint32_t I = 0; I < Metrics.size(); ++I)
    if (P.Tiers[I] == Tier::Optimized)
      Order.push_back(I);
  llvm::sort(Order, [&](uint32_t A, uint32_t B) {
    double SA = Saving(A), SB = Saving(B);
    return SA != SB ? SA > SB : A < B;
  });
  double TrampolineSaving = 0;
  if (P.TrampolineTier == Tier::Optimized)
    TrampolineSaving =
        (OptimizedPerTrampoline - BaselinePerTrampoline) * NumTrampolines;
  size_t Next = 0;
  while (Predicted > Budget) {
    bool Functions = Next < Order.size();
    if (TrampolineSaving > 0 &&
        (!Functions || TrampolineSaving >= Saving(Order[Next]))) {
      P.TrampolineTier = Tier::Baseline;
      Predicted -= TrampolineSaving;
      TrampolineSaving = 0;
      continue;
    }
    if (!Functions)
      break;
    uint32_t I = Order[Next++];
    P.Tiers[I] = Tier::Baseline;
    P.Reasons[I] = "over the module's budget";
    Predicted -= Saving(I);
  }
}

/// Splits Funcs (in order, each followed by its parts) into chunks of
/// about TargetBytes of code each; the first chunk starts with FirstBytes
/// already taken (the trampolines).
void addChunks(const Module &M, const CompilePlan &P, Tier T,
               ArrayRef<uint32_t> Funcs, uint64_t TargetBytes,
               uint64_t FirstBytes, std::vector<ChunkPlan> &Out) {
  uint64_t Bytes = FirstBytes;
  bool First = true;
  auto Room = [&] {
    if (First || Bytes >= TargetBytes) {
      Out.push_back(ChunkPlan());
      Out.back().T = T;
      Bytes = First ? FirstBytes : 0;
      First = false;
    }
  };
  for (uint32_t F : Funcs) {
    Room();
    Out.back().Funcs.push_back(F);
    const OutlinePlan *Outline = P.Outlines[F].get();
    Bytes += (Outline ? Outline->OwnBytes : M.Functions[F].Body.Size) + 16;
    for (uint32_t R = 0; Outline && R < Outline->Regions.size(); ++R) {
      Room();
      Out.back().Parts.push_back({F, R});
      Bytes += Outline->Regions[R].OwnBytes + 16;
    }
  }
}

} // namespace

CompilePlan planCompile(const Module &M, const ModuleSymbols &Syms,
                        const PlanOptions &Opts) {
  CompilePlan P;
  size_t N = M.Functions.size();
  uint32_t NumImported = M.numImported(ExternKind::Func);
  P.Tiers.assign(N, Tier::Optimized);
  P.Reasons.assign(N, "");
  P.Promote.assign(N, true);

  std::vector<FunctionMetrics> Metrics;
  Metrics.reserve(N);
  P.Outlines.resize(N);
  for (uint32_t I = 0; I < N; ++I) {
    Metrics.push_back(measureFunction(M, M.Functions[I]));
    P.Instrs += Metrics[I].Instrs;
    // At every -O level, so that fuel is charged the same at all.
    P.Outlines[I] = planOutlining(M, M.Functions[I]);
    P.Promote[I] =
        promotionCost(Metrics[I]) <= MaxBaselinePromotionCost && !P.Outlines[I];
  }

  size_t NumTrampolines = 0;
  bool HugeTrampoline = false;
  for (uint32_t T = 0; T < M.Types.size(); ++T) {
    if (!Syms.NeedsInvoke[T] && !Syms.NeedsHostTrampoline[T])
      continue;
    NumTrampolines += Syms.NeedsInvoke[T] + Syms.NeedsHostTrampoline[T];
    HugeTrampoline |=
        std::max(M.Types[T].Params.size(), M.Types[T].Results.size()) >
        MaxOptimizedTrampolineArity;
  }

  // -O0 is the cheapest pipeline there is: nothing to decide.
  if (Opts.OptLevel > 0) {
    if (HugeTrampoline)
      P.TrampolineTier = Tier::Baseline;
    double Predicted = FixedCost;
    for (size_t I = 0; I < N; ++I) {
      P.Reasons[I] = thresholdReason(Metrics[I]);
      // Lowered in parts that share their locals in memory (Outlining.h).
      if (P.Outlines[I])
        P.Reasons[I] =
            std::to_string(Metrics[I].Bytes) + " bytes of code, lowered in " +
            std::to_string(P.Outlines[I]->Regions.size() + 1) + " parts";
      if (!P.Reasons[I].empty())
        P.Tiers[I] = Tier::Baseline;
      Predicted += P.Tiers[I] == Tier::Optimized ? optimizedCost(Metrics[I])
                                                 : baselineCost(Metrics[I]);
    }
    Predicted += (P.TrampolineTier == Tier::Optimized ? OptimizedPerTrampoline
                                                      : BaselinePerTrampoline) *
                 double(NumTrampolines);
    double Budget =
        BudgetScale * BudgetShare *
        (BudgetBase + BudgetPerMiB * double(M.Bytes.size()) / (1 << 20));
    if (ForceTier.empty()) {
      fitBudget(Metrics, NumTrampolines, Budget, Predicted, P);
    } else {
      Tier T = ForceTier == "baseline" ? Tier::Baseline : Tier::Optimized;
      P.Tiers.assign(N, T);
      P.Reasons.assign(N, T == Tier::Baseline ? "forced" : "");
      P.TrampolineTier = T;
    }
    P.Predicted = Predicted / 1e6;
    P.Budget = Budget / 1e6;
  }

  // Chunks: the optimised functions in index order, then the baseline ones
  // in smaller chunks (per byte of wasm, unoptimised code holds more
  // memory until it is written). The trampolines count for the chunk
  // they go in.
  if (Opts.Split) {
    std::vector<uint32_t> Optimized, Baseline;
    for (uint32_t I = 0; I < N; ++I)
      (P.Tiers[I] == Tier::Optimized ? Optimized : Baseline).push_back(I);
    uint64_t TrampolineBytes = TrampolineWeight * NumTrampolines;
    // -O0 code holds as much memory as baseline code.
    addChunks(M, P, Tier::Optimized, Optimized,
              Opts.OptLevel ? Opts.ChunkBytes
                            : Opts.ChunkBytes / BaselineChunkDivisor,
              P.TrampolineTier == Tier::Optimized ? TrampolineBytes : 0,
              P.Chunks);
    addChunks(
        M, P, Tier::Baseline, Baseline, Opts.ChunkBytes / BaselineChunkDivisor,
        P.TrampolineTier == Tier::Baseline ? TrampolineBytes : 0, P.Chunks);
  } else {
    P.Chunks.push_back(ChunkPlan());
    P.Chunks.back().Funcs.resize(N);
    std::iota(P.Chunks.back().Funcs.begin(), P.Chunks.back().Funcs.end(), 0);
    for (uint32_t I = 0; I < N; ++I)
      for (uint32_t R = 0; P.Outlines[I] && R < P.Outlines[I]->Regions.size();
           ++R)
        P.Chunks.back().Parts.push_back({I, R});
    if (N && llvm::all_of(P.Tiers, [](Tier T) { return T == Tier::Baseline; }))
      P.Chunks.back().T = Tier::Baseline;
  }
  // The descriptor and the trampolines go with the first chunk of the
  // trampolines' tier (a chunk of their own if there is none; a single
  // output has one chunk).
  auto Meta = llvm::find_if(P.Chunks, [&](const ChunkPlan &C) {
    return !Opts.Split || C.T == P.TrampolineTier;
  });
  if (Meta == P.Chunks.end()) {
    P.Chunks.push_back(ChunkPlan());
    P.Chunks.back().T = P.TrampolineTier;
    Meta = P.Chunks.end() - 1;
  }
  Meta->WithMetadata = true;

  // A function is internal when nothing outside its chunk refers to it:
  // no call from another chunk, and no descriptor entry in another chunk.
  std::vector<uint32_t> ChunkOf(N);
  for (uint32_t C = 0; C < P.Chunks.size(); ++C)
    for (uint32_t F : P.Chunks[C].Funcs)
      ChunkOf[F] = C;
  uint32_t MetaChunk = Meta - P.Chunks.begin();
  P.Internal.assign(M.numFuncs(), false);
  for (uint32_t I = 0; I < N; ++I)
    P.Internal[NumImported + I] =
        !Syms.Escapes[NumImported + I] || ChunkOf[I] == MetaChunk;
  std::vector<std::vector<uint32_t>> PartChunk(N);
  for (uint32_t C = 0; C < P.Chunks.size(); ++C)
    for (auto [F, R] : P.Chunks[C].Parts) {
      PartChunk[F].resize(P.Outlines[F]->Regions.size());
      PartChunk[F][R] = C;
    }
  // A call may be in any part of a giant function, wherever the part is.
  for (uint32_t I = 0; I < N; ++I)
    for (uint32_t Callee : Metrics[I].Callees) {
      uint32_t CalleeChunk = ChunkOf[Callee - NumImported];
      if (CalleeChunk != ChunkOf[I] ||
          llvm::any_of(PartChunk[I],
                       [&](uint32_t C) { return C != CalleeChunk; }))
        P.Internal[Callee] = false;
    }
  // A part is internal in the chunk of its caller (the function, or the
  // part it is in).
  P.PartInternal.resize(N);
  for (uint32_t F = 0; F < N; ++F) {
    if (!P.Outlines[F])
      continue;
    const std::vector<OutlinedRegion> &Regions = P.Outlines[F]->Regions;
    P.PartInternal[F].resize(Regions.size());
    for (uint32_t R = 0; R < Regions.size(); ++R) {
      uint32_t Caller = Regions[R].Caller;
      P.PartInternal[F][R] =
          PartChunk[F][R] ==
          (Caller == NoPart ? ChunkOf[F] : PartChunk[F][Caller]);
    }
  }
  return P;
}

void printPlan(const Module &M, const CompilePlan &P, raw_ostream &OS) {
  auto TierName = [](Tier T) {
    return T == Tier::Optimized ? "optimized" : "baseline";
  };
  OS << "plan: predicted " << format("%.2f", P.Predicted) << " s, budget "
     << format("%.2f", P.Budget) << " s; " << P.Tiers.size() << " functions, "
     << P.Instrs << " instructions\n";
  for (size_t C = 0; C < P.Chunks.size(); ++C) {
    const ChunkPlan &Ch = P.Chunks[C];
    OS << "chunk " << C << ": " << TierName(Ch.T) << ", " << Ch.Funcs.size()
       << " functions"
       << (Ch.Parts.empty() ? ""
                            : ", " + std::to_string(Ch.Parts.size()) + " parts")
       << (Ch.WithMetadata ? ", descriptor and trampolines" : "") << "\n";
  }
  if (P.TrampolineTier == Tier::Baseline)
    OS << "trampolines: baseline\n";
  uint32_t NumImported = M.numImported(ExternKind::Func);
  for (size_t I = 0; I < P.Tiers.size(); ++I)
    if (P.Tiers[I] == Tier::Baseline)
      OS << "func " << NumImported + I << ": baseline"
         << (P.Promote[I] ? "" : ", locals in memory") << ": " << P.Reasons[I]
         << "\n";
}

} // namespace w2n
