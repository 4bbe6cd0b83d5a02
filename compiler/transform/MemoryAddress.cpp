//===- MemoryAddress.cpp - Recognise linear-memory addresses --------------===//
//
//                    SANDBOX-CRITICAL CODE: two reviews per change.
//
// BoundsCheckElision.cpp removes a bounds check only when an access after
// it faults in its place; whether it does is decided here, from the forms
// of the check's compare and of the access's address. A form must equal
// its value, never approximately: every step below is an identity of
// integers (Exact) or of integers modulo 2^width (Modular, confirmed by
// bounds inside [0, 2^width) before it is used as an integer identity).
//
//===----------------------------------------------------------------------===//

#include "transform/MemoryAddress.h"

#include "ir/Markers.h"

#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/ConstantRange.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Operator.h"
#include "llvm/IR/PatternMatch.h"
#include "llvm/Support/KnownBits.h"
#include "llvm/Support/MathExtras.h"

using namespace llvm;
using namespace llvm::PatternMatch;

namespace w2n {

namespace {

/// How deep an expression is taken apart.
constexpr unsigned MaxDepth = 8;
/// Constants, scales and term bounds stay far from 64-bit overflow.
constexpr int64_t MaxMagnitude = int64_t(1) << 40;

bool tooLarge(int64_t X) { return X > MaxMagnitude || X < -MaxMagnitude; }

bool decomposeAt(const Value *V, int64_t Scale, Arithmetic A, LinearForm &F,
                 StandIn Map, unsigned Depth) {
  if (tooLarge(Scale))
    return false;
  V = Map(V);
  if (const auto *C = dyn_cast<ConstantInt>(V)) {
    if (C->getBitWidth() > 64)
      return false;
    // Modulo 2^width -8 and 2^width - 8 are one value; as an integer the
    // constant is unsigned.
    if (A == Arithmetic::Exact && C->getZExtValue() > uint64_t(MaxMagnitude))
      return false;
    int64_t X = A == Arithmetic::Modular ? C->getSExtValue()
                                         : int64_t(C->getZExtValue());
    int64_t Term;
    return !tooLarge(X) && !MulOverflow(Scale, X, Term) &&
           !AddOverflow(F.Const, Term, F.Const);
  }
  const Value *L, *R;
  const APInt *C;
  auto Recurse = [&](const Value *X, int64_t S, Arithmetic XA) {
    return decomposeAt(X, S, XA, F, Map, Depth + 1);
  };
  if (Depth < MaxDepth) {
    // zext(x) is x, exactly, whatever x is.
    if (match(V, m_ZExt(m_Value(L))))
      return Recurse(L, Scale, Arithmetic::Exact);
    // Exact arithmetic goes only through operations that cannot wrap.
    const auto *Op = dyn_cast<OverflowingBinaryOperator>(V);
    bool Through = A == Arithmetic::Modular || (Op && Op->hasNoUnsignedWrap());
    if (match(V, m_DisjointOr(m_Value(L), m_Value(R))) ||
        (Through && match(V, m_Add(m_Value(L), m_Value(R)))))
      return Recurse(L, Scale, A) && Recurse(R, Scale, A);
    if (Through && match(V, m_Sub(m_Value(L), m_Value(R))))
      return Recurse(L, Scale, A) && Recurse(R, -Scale, A);
    if (Through && match(V, m_Shl(m_Value(L), m_APInt(C))) && C->ult(16))
      return Recurse(L, Scale * (int64_t(1) << C->getZExtValue()), A);
    if (Through && match(V, m_Mul(m_Value(L), m_APInt(C))) && C->ult(1 << 16))
      return Recurse(L, Scale * int64_t(C->getZExtValue()), A);
    // trunc(y) is y modulo the narrower 2^width.
    if (A == Arithmetic::Modular && match(V, m_Trunc(m_Value(L))))
      return Recurse(L, Scale, A);
  }
  return F.add(V, Scale);
}

} // namespace

bool LinearForm::add(const Value *V, int64_t Scale) {
  for (auto It = Terms.begin(); It != Terms.end(); ++It)
    if (It->first == V) {
      if (AddOverflow(It->second, Scale, It->second) || tooLarge(It->second))
        return false;
      if (It->second == 0)
        Terms.erase(It);
      return true;
    }
  if (Scale != 0)
    Terms.push_back({V, Scale});
  return true;
}

bool LinearForm::add(const LinearForm &Other, int64_t Scale) {
  int64_t C;
  for (auto [T, S] : Other.Terms)
    if (MulOverflow(S, Scale, C) || !add(T, C))
      return false;
  return !MulOverflow(Other.Const, Scale, C) && !AddOverflow(Const, C, Const);
}

bool LinearForm::sameTerms(const LinearForm &Other) const {
  return Terms.size() == Other.Terms.size() &&
         llvm::all_of(Terms, [&](const auto &TS) {
           return llvm::is_contained(Other.Terms, TS);
         });
}

bool decompose(const Value *V, int64_t Scale, Arithmetic A, LinearForm &F,
               StandIn Map) {
  return decomposeAt(V, Scale, A, F, Map, 0);
}

std::optional<std::pair<int64_t, int64_t>> formBounds(const LinearForm &F,
                                                      const DataLayout &DL) {
  // |scale| and |term| are at most 2^40 and there are few terms: 128 bits
  // hold every sum.
  __int128 Lo = F.Const, Hi = F.Const;
  for (auto [T, S] : F.Terms) {
    if (!T->getType()->isIntegerTy() || T->getType()->getIntegerBitWidth() > 64)
      return std::nullopt;
    ConstantRange R =
        ConstantRange::fromKnownBits(computeKnownBits(T, DL),
                                     /*IsSigned=*/false)
            .intersectWith(computeConstantRange(T, /*ForSigned=*/false));
    if (isWidenedAddress(*T))
      R = R.intersectWith(
          ConstantRange(APInt(64, 0), APInt(64, WidenedAddressBound)));
    if (R.isEmptySet() || R.getUnsignedMax().ugt(uint64_t(MaxMagnitude)))
      return std::nullopt;
    __int128 Min = R.getUnsignedMin().getZExtValue();
    __int128 Max = R.getUnsignedMax().getZExtValue();
    Lo += S > 0 ? S * Min : S * Max;
    Hi += S > 0 ? S * Max : S * Min;
  }
  if (Lo < INT64_MIN || Hi > INT64_MAX)
    return std::nullopt;
  return std::make_pair(int64_t(Lo), int64_t(Hi));
}

SmallVector<LinearForm, 2> exactForms(const Value *V, const DataLayout &DL,
                                      StandIn Map) {
  SmallVector<LinearForm, 2> Forms;
  if (!V->getType()->isIntegerTy() || V->getType()->getIntegerBitWidth() > 64)
    return Forms;
  unsigned Width = V->getType()->getIntegerBitWidth();
  LinearForm Modular;
  if (decompose(V, 1, Arithmetic::Modular, Modular, Map))
    if (auto B = formBounds(Modular, DL);
        B && B->first >= 0 &&
        (Width == 64 || uint64_t(B->second) < (uint64_t(1) << Width)))
      Forms.push_back(std::move(Modular));
  LinearForm Exact;
  if (decompose(V, 1, Arithmetic::Exact, Exact, Map) &&
      !(Forms.size() == 1 && Forms[0].Const == Exact.Const &&
        Forms[0].sameTerms(Exact)))
    Forms.push_back(std::move(Exact));
  return Forms;
}

} // namespace w2n
