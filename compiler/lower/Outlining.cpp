//===- Outlining.cpp - Giant functions lowered in parts -------------------===//
//
// Two passes over the body. The first builds the tree of constructs with
// their sizes and chooses the parts bottom-up: when a construct closes, the
// code it keeps for itself is its size less the parts inside it; if that is
// more than OutlinePartBytes, its largest children become parts until it
// is not (or no child is worth a part). A chain of nested ifs is so cut
// every OutlinePartBytes; a huge straight block cannot be cut, and stays.
// The second pass collects, for every part, the labels outside it that its
// branches reach. Both passes are linear in the body (the branches of a
// part's inside are matched against the few parts around them).
//
//===----------------------------------------------------------------------===//

#include "lower/Outlining.h"

#include "decode/InstrReader.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CommandLine.h"

#include <algorithm>

using namespace llvm;

namespace w2n {

namespace {

// For tests: small values lower most constructs of any function in parts.
cl::opt<uint64_t> OutlineMinBytes(
    "wasm2native-outline-min-bytes", cl::Hidden, cl::init(256 * 1024),
    cl::desc("Lower functions of more code than this in parts"));
cl::opt<uint64_t> OutlinePartBytes(
    "wasm2native-outline-part-bytes", cl::Hidden, cl::init(64 * 1024),
    cl::desc("The most code a part keeps for itself, where it can"));
cl::opt<uint64_t> OutlineMinPartBytes(
    "wasm2native-outline-min-part-bytes", cl::Hidden, cl::init(4 * 1024),
    cl::desc("Constructs smaller than this are never a part of their own"));

struct Node {
  uint64_t Offset = 0;
  uint64_t End = 0;
  uint32_t Depth = 0;
  /// The code it keeps for itself once its own children are cut.
  uint64_t Own = 0;
  /// Bytes that count toward the code of the part (or function) around it:
  /// 0 once it is a part of its own.
  uint64_t Charged = 0;
  bool Outlined = false;
  std::vector<uint32_t> Children;
};

uint64_t blockArity(const Module &M, const BlockType &BT) {
  if (BT.K == BlockType::Value)
    return 1;
  if (BT.K == BlockType::TypeIndex && BT.Index < M.Types.size())
    return std::max(M.Types[BT.Index].Params.size(),
                    M.Types[BT.Index].Results.size());
  return 0;
}

/// Makes parts of the largest children of a construct (or of the body)
/// whose own code is Own bytes, until it keeps at most OutlinePartBytes.
void cutChildren(std::vector<Node> &Nodes, std::vector<uint32_t> &Children,
                 uint64_t &Own) {
  if (Own <= OutlinePartBytes)
    return;
  llvm::sort(Children, [&](uint32_t A, uint32_t B) {
    return Nodes[A].Charged != Nodes[B].Charged
               ? Nodes[A].Charged > Nodes[B].Charged
               : A < B;
  });
  for (uint32_t C : Children) {
    if (Own <= OutlinePartBytes || Nodes[C].Charged < OutlineMinPartBytes)
      break;
    Own -= Nodes[C].Charged;
    Nodes[C].Charged = 0;
    Nodes[C].Outlined = true;
  }
}

uint64_t ownBytes(const std::vector<Node> &Nodes, uint64_t Size,
                  const std::vector<uint32_t> &Children) {
  uint64_t Own = Size;
  for (uint32_t C : Children)
    Own -= (Nodes[C].End - Nodes[C].Offset) - Nodes[C].Charged;
  return Own;
}

} // namespace

uint64_t outlineMinBytes() { return OutlineMinBytes; }

std::unique_ptr<OutlinePlan> planOutlining(const Module &M, const Function &F) {
  if (!needsOutlining(F))
    return nullptr;
  auto P = std::make_unique<OutlinePlan>();
  const FuncType &Type = M.Types[F.TypeIndex];
  uint64_t Arity = Type.Results.size();

  // Pass 1: the tree, the parts, the locals.
  std::vector<Node> Nodes;
  std::vector<uint32_t> Open, TopLevel;
  std::vector<uint32_t> UsedLocals;
  DenseMap<uint32_t, bool> SeenLocal;
  {
    InstrReader R(M, F.Body);
    Instr I;
    while (R.next(I)) {
      switch (I.Op) {
      case Opcode::Block:
      case Opcode::Loop:
      case Opcode::If: {
        uint32_t Index = Nodes.size();
        Nodes.push_back(Node());
        Nodes.back().Offset = I.Offset;
        Nodes.back().Depth = Open.size() + 1;
        (Open.empty() ? TopLevel : Nodes[Open.back()].Children)
            .push_back(Index);
        Open.push_back(Index);
        Arity = std::max(Arity, blockArity(M, I.Block));
        break;
      }
      case Opcode::End: {
        if (Open.empty())
          break;
        Node &N = Nodes[Open.back()];
        Open.pop_back();
        N.End = R.offset();
        uint64_t Own = ownBytes(Nodes, N.End - N.Offset, N.Children);
        cutChildren(Nodes, N.Children, Own);
        N.Charged = N.Own = Own;
        std::vector<uint32_t>().swap(N.Children);
        break;
      }
      case Opcode::LocalGet:
      case Opcode::LocalSet:
      case Opcode::LocalTee:
        if (I.Index >= Type.Params.size() &&
            SeenLocal.try_emplace(I.Index, true).second)
          UsedLocals.push_back(I.Index);
        break;
      default:
        break;
      }
    }
    consumeError(R.takeError());
  }
  uint64_t Own = ownBytes(Nodes, F.Body.Size, TopLevel);
  cutChildren(Nodes, TopLevel, Own);
  P->OwnBytes = Own;

  std::vector<uint32_t> Parts;
  for (uint32_t N = 0; N < Nodes.size(); ++N)
    if (Nodes[N].Outlined) {
      P->RegionAt[Nodes[N].Offset] = Parts.size();
      Parts.push_back(N);
      OutlinedRegion Region;
      Region.Offset = Nodes[N].Offset;
      Region.End = Nodes[N].End;
      Region.Depth = Nodes[N].Depth;
      Region.OwnBytes = Nodes[N].Own;
      P->Regions.push_back(std::move(Region));
    }
  if (P->Regions.empty())
    return nullptr;

  // Pass 2: the exits of every part, with the types of their values, and
  // the part each part is in. Nodes are numbered in the order they open,
  // so a counter finds them again.
  {
    InstrReader R(M, F.Body);
    Instr I;
    uint32_t NextNode = 0;
    // The open constructs with the types their label carries, and the open
    // ones that are parts (as indices into Regions), innermost last.
    std::vector<uint32_t> OpenNodes;
    std::vector<SmallVector<ValType, 2>> OpenLabels;
    std::vector<uint32_t> OpenParts;
    SmallVector<ValType, 2> Returns(Type.Results.begin(), Type.Results.end());
    auto Exit = [&](uint64_t Label) {
      uint64_t Target =
          OpenNodes.size() - std::min<uint64_t>(Label, OpenNodes.size());
      for (auto It = OpenParts.rbegin(); It != OpenParts.rend(); ++It) {
        OutlinedRegion &Region = P->Regions[*It];
        if (Region.Depth <= Target)
          break;
        Region.Exits.push_back(
            {Region.Depth - Target, Target ? OpenLabels[Target - 1] : Returns});
      }
    };
    auto Dedupe = [](OutlinedRegion &Region) {
      auto &Exits = Region.Exits;
      llvm::sort(Exits, [](const auto &A, const auto &B) {
        return A.first < B.first;
      });
      Exits.erase(
          llvm::unique(Exits, [](const auto &A,
                                 const auto &B) { return A.first == B.first; }),
          Exits.end());
    };
    while (R.next(I)) {
      switch (I.Op) {
      case Opcode::Block:
      case Opcode::Loop:
      case Opcode::If: {
        uint32_t N = NextNode++;
        OpenNodes.push_back(N);
        SmallVector<ValType, 2> Label;
        if (I.Block.K == BlockType::Value && I.Op != Opcode::Loop)
          Label.push_back(I.Block.Type);
        if (I.Block.K == BlockType::TypeIndex) {
          const FuncType &BT = M.Types[I.Block.Index];
          if (I.Op == Opcode::Loop)
            Label.append(BT.Params.begin(), BT.Params.end());
          else
            Label.append(BT.Results.begin(), BT.Results.end());
        }
        OpenLabels.push_back(std::move(Label));
        if (Nodes[N].Outlined) {
          uint32_t Part = P->RegionAt[Nodes[N].Offset];
          P->Regions[Part].Caller =
              OpenParts.empty() ? NoPart : OpenParts.back();
          OpenParts.push_back(Part);
        }
        break;
      }
      case Opcode::End:
        if (OpenNodes.empty())
          break;
        if (Nodes[OpenNodes.back()].Outlined) {
          Dedupe(P->Regions[OpenParts.back()]);
          OpenParts.pop_back();
        }
        OpenNodes.pop_back();
        OpenLabels.pop_back();
        break;
      case Opcode::Br:
      case Opcode::BrIf:
        Exit(I.Index);
        break;
      case Opcode::BrTable:
        Exit(I.Index);
        for (uint32_t L : I.Targets)
          Exit(L);
        // Keep the lists short when a br_table repeats its labels.
        for (uint32_t Part : OpenParts)
          Dedupe(P->Regions[Part]);
        break;
      case Opcode::Return:
      case Opcode::ReturnCall:
      case Opcode::ReturnCallIndirect:
        Exit(OpenNodes.size());
        break;
      default:
        break;
      }
    }
    consumeError(R.takeError());
  }

  // The frame: transfer slots (a construct's values or a branch's, and an
  // if's condition), then the parameters, then the locals in order of use.
  P->TransferSlots = Arity + 1;
  uint32_t Slot = P->TransferSlots;
  for (uint32_t I = 0; I < Type.Params.size(); ++I)
    P->LocalSlots[I] = Slot++;
  for (uint32_t L : UsedLocals)
    P->LocalSlots[L] = Slot++;
  P->NumSlots = Slot;
  return P;
}

} // namespace w2n
