//===- EmitSimd.cpp - Fixed-width SIMD (v128)
//------------------------------===//
//
// v128 values are <16 x i8> between instructions; each instruction views
// its operands in its own lane shape (i8x16 ... f64x2) through bitcasts,
// which LLVM folds away. The lane shape and the operation come from the
// instruction's name in Opcodes.def ("i32x4.add" is shape i32x4, "add").
// Semantics follow the spec exactly: shift counts modulo the lane width,
// saturating narrows, swizzle's zero for out-of-range indices, NaN- and
// signed-zero-exact min/max (llvm.minimum/maximum) and pmin/pmax as the
// spec's comparisons, trunc_sat via llvm.fpto[su]i.sat.
//
//===----------------------------------------------------------------------===//

#include "lower/FunctionTranslator.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/IntrinsicsAArch64.h"
#include "llvm/IR/IntrinsicsX86.h"
#include "llvm/TargetParser/Triple.h"
#include <functional>

using namespace llvm;

namespace w2n {

namespace {

struct Shape {
  llvm::Type *Lane;
  unsigned Lanes;
  bool Float;
};

Shape shapeOf(StringRef Name, LLVMContext &Ctx) {
  if (Name == "i8x16")
    return {Type::getInt8Ty(Ctx), 16, false};
  if (Name == "i16x8")
    return {Type::getInt16Ty(Ctx), 8, false};
  if (Name == "i32x4")
    return {Type::getInt32Ty(Ctx), 4, false};
  if (Name == "i64x2" || Name == "v128")
    return {Type::getInt64Ty(Ctx), 2, false};
  if (Name == "f32x4")
    return {Type::getFloatTy(Ctx), 4, true};
  return {Type::getDoubleTy(Ctx), 2, true};
}

FixedVectorType *vecTy(const Shape &S) {
  return FixedVectorType::get(S.Lane, S.Lanes);
}

/// The shape with lanes of twice the width and half the count.
Shape wider(const Shape &S, LLVMContext &Ctx) {
  return {Type::getIntNTy(Ctx, 2 * S.Lane->getIntegerBitWidth()), S.Lanes / 2,
          false};
}

SmallVector<int, 16> range(unsigned Begin, unsigned End, unsigned Step = 1) {
  SmallVector<int, 16> R;
  for (unsigned I = Begin; I < End; I += Step)
    R.push_back(I);
  return R;
}

} // namespace

void FunctionTranslator::emitSimd(const Instr &I) {
  llvm::Type *V128 = FixedVectorType::get(B.getInt8Ty(), 16);
  auto [ShapeName, OpName] = opcodeName(I.Op).split('.');
  Shape S = shapeOf(ShapeName, Ctx);
  FixedVectorType *VT = vecTy(S);
  auto As = [&](Value *V, FixedVectorType *T) { return B.CreateBitCast(V, T); };
  auto PopAs = [&](FixedVectorType *T) { return As(pop(), T); };
  auto PushV = [&](Value *V) { push(B.CreateBitCast(V, V128)); };
  auto Splat = [&](Value *Scalar, unsigned N) {
    return B.CreateVectorSplat(N, Scalar);
  };
  const OpcodeInfo &Info = I.info();

  // Memory.
  if (unsigned Size = memoryAccessSize(Info.Imm)) {
    bool IsLane = laneCount(Info.Imm) != 0;
    if (Info.Result == ValType::Bottom) {
      // v128.store and v128.storeN_lane.
      Value *V = pop();
      Value *Ptr = effectiveAddress(I, pop(), Size);
      if (IsLane) {
        FixedVectorType *LT =
            FixedVectorType::get(B.getIntNTy(8 * Size), 16 / Size);
        V = B.CreateExtractElement(As(V, LT), uint64_t(I.Index));
      }
      B.CreateAlignedStore(V, Ptr, Align(1));
      return;
    }
    Value *Vec = IsLane ? pop() : nullptr;
    Value *Ptr = effectiveAddress(I, pop(), Size);
    if (I.Op == Opcode::V128Load) {
      Value *L = B.CreateAlignedLoad(V128, Ptr, Align(1), "load");
      sinkLoadedValue(L);
      push(L);
      return;
    }
    if (IsLane) {
      llvm::Type *Lane = B.getIntNTy(8 * Size);
      Value *L = B.CreateAlignedLoad(Lane, Ptr, Align(1), "load");
      sinkLoadedValue(L);
      FixedVectorType *LT = FixedVectorType::get(Lane, 16 / Size);
      PushV(B.CreateInsertElement(As(Vec, LT), L, uint64_t(I.Index)));
      return;
    }
    StringRef Kind = OpName;
    if (Kind.ends_with("_splat") || Kind.ends_with("_zero")) {
      llvm::Type *Lane = B.getIntNTy(8 * Size);
      Value *L = B.CreateAlignedLoad(Lane, Ptr, Align(1), "load");
      sinkLoadedValue(L);
      unsigned N = 16 / Size;
      if (Kind.ends_with("_splat"))
        PushV(Splat(L, N));
      else
        PushV(B.CreateInsertElement(
            Constant::getNullValue(FixedVectorType::get(Lane, N)), L,
            uint64_t(0)));
      return;
    }
    // load8x8_s/u, load16x4_s/u, load32x2_s/u: 8 bytes, widened.
    unsigned Bits = Kind.starts_with("load8")    ? 8
                    : Kind.starts_with("load16") ? 16
                                                 : 32;
    unsigned N = 64 / Bits;
    FixedVectorType *Narrow = FixedVectorType::get(B.getIntNTy(Bits), N);
    Value *L = B.CreateAlignedLoad(Narrow, Ptr, Align(1), "load");
    sinkLoadedValue(L);
    FixedVectorType *Wide = FixedVectorType::get(B.getIntNTy(2 * Bits), N);
    PushV(Kind.ends_with("_s") ? B.CreateSExt(L, Wide) : B.CreateZExt(L, Wide));
    return;
  }

  if (emitRelaxedSimd(I))
    return;

  switch (I.Op) {
  case Opcode::V128Const:
    push(ConstantDataVector::get(Ctx, ArrayRef<uint8_t>(I.Bytes, 16)));
    return;
  case Opcode::I8x16Shuffle: {
    Value *R = pop();
    Value *L = pop();
    SmallVector<int, 16> Mask(I.Bytes, I.Bytes + 16);
    push(B.CreateShuffleVector(L, R, Mask));
    return;
  }
  case Opcode::I8x16Swizzle: {
    Value *Idx = pop();
    Value *Src = pop();
    push(emitSwizzle(Src, Idx));
    return;
  }
  case Opcode::V128Not:
    push(B.CreateNot(pop()));
    return;
  case Opcode::V128And:
  case Opcode::V128Andnot:
  case Opcode::V128Or:
  case Opcode::V128Xor: {
    Value *R = pop();
    Value *L = pop();
    Value *Res = I.Op == Opcode::V128And      ? B.CreateAnd(L, R)
                 : I.Op == Opcode::V128Andnot ? B.CreateAnd(L, B.CreateNot(R))
                 : I.Op == Opcode::V128Or     ? B.CreateOr(L, R)
                                              : B.CreateXor(L, R);
    push(Res);
    return;
  }
  case Opcode::V128Bitselect: {
    Value *C = pop();
    Value *V2 = pop();
    Value *V1 = pop();
    push(B.CreateOr(B.CreateAnd(V1, C), B.CreateAnd(V2, B.CreateNot(C))));
    return;
  }
  case Opcode::V128AnyTrue:
    push(B.CreateZExt(B.CreateICmpNE(B.CreateBitCast(pop(), B.getInt128Ty()),
                                     B.getIntN(128, 0)),
                      B.getInt32Ty()));
    return;
  default:
    break;
  }

  // Lane-shaped operations: dispatch on the name after the shape.
  StringRef Op = OpName;
  if (Op == "splat") {
    Value *X = pop();
    if (!S.Float && X->getType() != S.Lane)
      X = B.CreateTrunc(X, S.Lane);
    PushV(Splat(X, S.Lanes));
    return;
  }
  if (Op.starts_with("extract_lane")) {
    Value *Lane = B.CreateExtractElement(PopAs(VT), uint64_t(I.Index));
    llvm::Type *Res = CC.valType(Info.Result);
    if (Lane->getType() != Res)
      Lane = Op.ends_with("_s") ? B.CreateSExt(Lane, Res)
                                : B.CreateZExt(Lane, Res);
    push(Lane);
    return;
  }
  if (Op == "replace_lane") {
    Value *X = pop();
    if (!S.Float && X->getType() != S.Lane)
      X = B.CreateTrunc(X, S.Lane);
    PushV(B.CreateInsertElement(PopAs(VT), X, uint64_t(I.Index)));
    return;
  }
  if (Op == "shl" || Op == "shr_s" || Op == "shr_u") {
    Value *Count = pop();
    Value *V = PopAs(VT);
    unsigned Bits = S.Lane->getIntegerBitWidth();
    Count = B.CreateAnd(Count, B.getInt32(Bits - 1));
    Count = B.CreateZExtOrTrunc(Count, S.Lane);
    Value *C = Splat(Count, S.Lanes);
    PushV(Op == "shl"     ? B.CreateShl(V, C)
          : Op == "shr_s" ? B.CreateAShr(V, C)
                          : B.CreateLShr(V, C));
    return;
  }
  if (Op == "all_true") {
    Value *NZ = B.CreateICmpNE(PopAs(VT), Constant::getNullValue(VT));
    push(B.CreateZExt(B.CreateAndReduce(NZ), B.getInt32Ty()));
    return;
  }
  if (Op == "bitmask") {
    Value *Neg = B.CreateICmpSLT(PopAs(VT), Constant::getNullValue(VT));
    Value *Bits = B.CreateBitCast(Neg, B.getIntNTy(S.Lanes));
    push(B.CreateZExt(Bits, B.getInt32Ty()));
    return;
  }
  if (Op.starts_with("narrow_")) {
    // Signed input lanes, saturated to the narrow signed or unsigned range.
    Shape From = shapeOf(
        Op.ends_with("i16x8_s") || Op.ends_with("i16x8_u") ? "i16x8" : "i32x4",
        Ctx);
    FixedVectorType *FT = vecTy(From);
    Value *R = PopAs(FT);
    Value *L = PopAs(FT);
    unsigned NB = From.Lane->getIntegerBitWidth() / 2;
    bool Signed = Op.ends_with("_s");
    APInt Lo =
        Signed ? APInt::getSignedMinValue(NB).sext(2 * NB) : APInt(2 * NB, 0);
    APInt Hi = Signed ? APInt::getSignedMaxValue(NB).sext(2 * NB)
                      : APInt::getMaxValue(NB).zext(2 * NB);
    auto Clamp = [&](Value *V) {
      V = B.CreateBinaryIntrinsic(Intrinsic::smax, V, ConstantInt::get(FT, Lo));
      V = B.CreateBinaryIntrinsic(Intrinsic::smin, V, ConstantInt::get(FT, Hi));
      return B.CreateTrunc(V,
                           FixedVectorType::get(B.getIntNTy(NB), From.Lanes));
    };
    PushV(B.CreateShuffleVector(Clamp(L), Clamp(R), range(0, 2 * From.Lanes)));
    return;
  }
  if (Op.starts_with("extend_")) {
    // iNxM.extend_{low,high}_iKxL_{s,u}: half of the narrower lanes.
    Shape From = shapeOf(Op.substr(Op.find('_', 7) + 1, 5), Ctx);
    Value *V = PopAs(vecTy(From));
    unsigned Half = From.Lanes / 2;
    bool High = Op.contains("_high_");
    Value *Part = B.CreateShuffleVector(V, High ? range(Half, From.Lanes)
                                                : range(0, Half));
    PushV(Op.ends_with("_s") ? B.CreateSExt(Part, VT) : B.CreateZExt(Part, VT));
    return;
  }
  if (Op.starts_with("extmul_")) {
    Shape From = shapeOf(Op.substr(Op.find('_', 7) + 1, 5), Ctx);
    FixedVectorType *FT = vecTy(From);
    Value *R = PopAs(FT);
    Value *L = PopAs(FT);
    unsigned Half = From.Lanes / 2;
    SmallVector<int, 16> Mask =
        Op.contains("_high_") ? range(Half, From.Lanes) : range(0, Half);
    bool Signed = Op.ends_with("_s");
    auto Ext = [&](Value *V) {
      Value *P = B.CreateShuffleVector(V, Mask);
      return Signed ? B.CreateSExt(P, VT) : B.CreateZExt(P, VT);
    };
    PushV(B.CreateMul(Ext(L), Ext(R)));
    return;
  }
  if (Op.starts_with("extadd_pairwise_")) {
    Shape From = shapeOf(Op.substr(16, 5), Ctx);
    Value *V = PopAs(vecTy(From));
    FixedVectorType *WideAll = FixedVectorType::get(S.Lane, From.Lanes);
    Value *W = Op.ends_with("_s") ? B.CreateSExt(V, WideAll)
                                  : B.CreateZExt(V, WideAll);
    Value *Even = B.CreateShuffleVector(W, range(0, From.Lanes, 2));
    Value *Odd = B.CreateShuffleVector(W, range(1, From.Lanes, 2));
    PushV(B.CreateAdd(Even, Odd));
    return;
  }
  if (Op == "dot_i16x8_s") {
    FixedVectorType *FT = FixedVectorType::get(B.getInt16Ty(), 8);
    FixedVectorType *WT = FixedVectorType::get(B.getInt32Ty(), 8);
    Value *R = B.CreateSExt(PopAs(FT), WT);
    Value *L = B.CreateSExt(PopAs(FT), WT);
    Value *P = B.CreateMul(L, R);
    PushV(B.CreateAdd(B.CreateShuffleVector(P, range(0, 8, 2)),
                      B.CreateShuffleVector(P, range(1, 8, 2))));
    return;
  }
  if (Op == "q15mulr_sat_s") {
    Value *R = PopAs(VT);
    Value *L = PopAs(VT);
    PushV(emitQ15MulrSat(L, R));
    return;
  }
  if (Op == "avgr_u") {
    Shape W = wider(S, Ctx);
    FixedVectorType *WT = FixedVectorType::get(W.Lane, S.Lanes);
    Value *R = B.CreateZExt(PopAs(VT), WT);
    Value *L = B.CreateZExt(PopAs(VT), WT);
    Value *Sum = B.CreateAdd(B.CreateAdd(L, R), ConstantInt::get(WT, 1));
    PushV(B.CreateTrunc(B.CreateLShr(Sum, 1), VT));
    return;
  }
  if (Op.starts_with("trunc_sat_") || Op.starts_with("convert_") ||
      Op == "demote_f64x2_zero" || Op == "promote_low_f32x4") {
    PushV(emitSimdConversion(I.Op, pop()));
    return;
  }

  // The rest are plain unary or binary lane operations.
  bool IsBinary = Info.Params[1] != ValType::Bottom;
  if (!IsBinary) {
    Value *V = PopAs(VT);
    Intrinsic::ID ID =
        StringSwitch<Intrinsic::ID>(Op)
            .Case("abs", S.Float ? Intrinsic::fabs : Intrinsic::abs)
            .Case("popcnt", Intrinsic::ctpop)
            .Case("sqrt", Intrinsic::sqrt)
            .Case("ceil", Intrinsic::ceil)
            .Case("floor", Intrinsic::floor)
            .Case("trunc", Intrinsic::trunc)
            .Case("nearest", Intrinsic::roundeven)
            .Default(Intrinsic::not_intrinsic);
    if (Op == "neg")
      PushV(S.Float ? B.CreateFNeg(V) : B.CreateNeg(V));
    else if (ID == Intrinsic::abs)
      PushV(B.CreateBinaryIntrinsic(ID, V, B.getFalse()));
    else if (ID == Intrinsic::ceil || ID == Intrinsic::floor ||
             ID == Intrinsic::trunc || ID == Intrinsic::roundeven)
      PushV(emitRounding(ID, V));
    else
      PushV(B.CreateUnaryIntrinsic(ID, V));
    return;
  }

  Value *R = PopAs(VT);
  Value *L = PopAs(VT);
  auto Mask = [&](Value *Cmp) {
    return B.CreateSExt(Cmp, VectorType::getInteger(VT));
  };
  Value *Res = nullptr;
  if (S.Float) {
    Res = StringSwitch<std::function<Value *()>>(Op)
              .Case("add",
                    [&] {
                      return B.CreateFAdd(fenceIdentity(L), fenceIdentity(R));
                    })
              .Case("sub",
                    [&] {
                      return B.CreateFSub(fenceIdentity(L), fenceIdentity(R));
                    })
              .Case("mul",
                    [&] {
                      return B.CreateFMul(fenceIdentity(L), fenceIdentity(R));
                    })
              .Case("div",
                    [&] {
                      return B.CreateFDiv(fenceIdentity(L), fenceIdentity(R));
                    })
              .Case("min",
                    [&] {
                      return quietNaN(
                          B.CreateBinaryIntrinsic(Intrinsic::minimum, L, R));
                    })
              .Case("max",
                    [&] {
                      return quietNaN(
                          B.CreateBinaryIntrinsic(Intrinsic::maximum, L, R));
                    })
              // pmin is b < a ? b : a; pmax is a < b ? b : a.
              .Case("pmin",
                    [&] { return B.CreateSelect(B.CreateFCmpOLT(R, L), R, L); })
              .Case("pmax",
                    [&] { return B.CreateSelect(B.CreateFCmpOLT(L, R), R, L); })
              .Case("eq", [&] { return Mask(B.CreateFCmpOEQ(L, R)); })
              .Case("ne", [&] { return Mask(B.CreateFCmpUNE(L, R)); })
              .Case("lt", [&] { return Mask(B.CreateFCmpOLT(L, R)); })
              .Case("gt", [&] { return Mask(B.CreateFCmpOGT(L, R)); })
              .Case("le", [&] { return Mask(B.CreateFCmpOLE(L, R)); })
              .Case("ge", [&] { return Mask(B.CreateFCmpOGE(L, R)); })
              .Default([] { return nullptr; })();
  } else {
    auto Bin = [&](Intrinsic::ID ID) {
      return B.CreateBinaryIntrinsic(ID, L, R);
    };
    Res = StringSwitch<std::function<Value *()>>(Op)
              .Case("add", [&] { return B.CreateAdd(L, R); })
              .Case("sub", [&] { return B.CreateSub(L, R); })
              .Case("mul", [&] { return B.CreateMul(L, R); })
              .Case("add_sat_s", [&] { return Bin(Intrinsic::sadd_sat); })
              .Case("add_sat_u", [&] { return Bin(Intrinsic::uadd_sat); })
              .Case("sub_sat_s", [&] { return Bin(Intrinsic::ssub_sat); })
              .Case("sub_sat_u", [&] { return Bin(Intrinsic::usub_sat); })
              .Case("min_s", [&] { return Bin(Intrinsic::smin); })
              .Case("min_u", [&] { return Bin(Intrinsic::umin); })
              .Case("max_s", [&] { return Bin(Intrinsic::smax); })
              .Case("max_u", [&] { return Bin(Intrinsic::umax); })
              .Case("eq", [&] { return Mask(B.CreateICmpEQ(L, R)); })
              .Case("ne", [&] { return Mask(B.CreateICmpNE(L, R)); })
              .Case("lt_s", [&] { return Mask(B.CreateICmpSLT(L, R)); })
              .Case("lt_u", [&] { return Mask(B.CreateICmpULT(L, R)); })
              .Case("gt_s", [&] { return Mask(B.CreateICmpSGT(L, R)); })
              .Case("gt_u", [&] { return Mask(B.CreateICmpUGT(L, R)); })
              .Case("le_s", [&] { return Mask(B.CreateICmpSLE(L, R)); })
              .Case("le_u", [&] { return Mask(B.CreateICmpULE(L, R)); })
              .Case("ge_s", [&] { return Mask(B.CreateICmpSGE(L, R)); })
              .Case("ge_u", [&] { return Mask(B.CreateICmpUGE(L, R)); })
              .Default([] { return nullptr; })();
  }
  assert(Res && "unhandled SIMD instruction");
  PushV(Res);
}

Value *FunctionTranslator::emitQ15MulrSat(Value *L, Value *R) {
  auto *VT = cast<FixedVectorType>(L->getType());
  FixedVectorType *WT = FixedVectorType::get(B.getInt32Ty(), 8);
  Value *P = B.CreateAShr(
      B.CreateAdd(B.CreateMul(B.CreateSExt(L, WT), B.CreateSExt(R, WT)),
                  ConstantInt::get(WT, 0x4000)),
      15);
  P = B.CreateBinaryIntrinsic(Intrinsic::smin, P, ConstantInt::get(WT, 0x7fff));
  return B.CreateTrunc(P, VT);
}

Value *FunctionTranslator::emitSwizzle(Value *Src, Value *Idx) {
  Triple T(CC.Opts.Triple);
  if (T.getArch() == Triple::aarch64) {
    // tbl yields 0 for indices >= 16, exactly as swizzle wants.
    return B.CreateIntrinsic(Intrinsic::aarch64_neon_tbl1, {Src->getType()},
                             {Src, Idx});
  }
  if (T.getArch() == Triple::x86_64 && CC.Opts.HasSSSE3) {
    // pshufb zeroes a lane whose index has the top bit set; adding 0x70
    // with unsigned saturation sets it exactly for indices >= 16.
    Value *Biased = B.CreateBinaryIntrinsic(
        Intrinsic::uadd_sat, Idx, ConstantInt::get(Idx->getType(), 0x70));
    return B.CreateIntrinsic(Intrinsic::x86_ssse3_pshuf_b_128, {},
                             {Src, Biased});
  }
  // Portable form: select each lane.
  Value *Res = Constant::getNullValue(Src->getType());
  for (unsigned K = 0; K < 16; ++K) {
    Value *Index = B.CreateExtractElement(Idx, uint64_t(K));
    Value *InRange = B.CreateICmpULT(Index, B.getInt8(16));
    Value *Lane =
        B.CreateExtractElement(Src, B.CreateAnd(Index, B.getInt8(15)));
    Res = B.CreateInsertElement(
        Res, B.CreateSelect(InRange, Lane, B.getInt8(0)), uint64_t(K));
  }
  return Res;
}

Value *FunctionTranslator::emitSimdConversion(Opcode Op, Value *V) {
  auto F32x4 = FixedVectorType::get(B.getFloatTy(), 4);
  auto F64x2 = FixedVectorType::get(B.getDoubleTy(), 2);
  auto I32x4 = FixedVectorType::get(B.getInt32Ty(), 4);
  auto I32x2 = FixedVectorType::get(B.getInt32Ty(), 2);
  auto Low2 = [&](Value *X) { return B.CreateShuffleVector(X, {0, 1}); };
  auto WithZeros = [&](Value *X2) {
    return B.CreateShuffleVector(X2, Constant::getNullValue(X2->getType()),
                                 {0, 1, 2, 3});
  };
  switch (Op) {
  case Opcode::I32x4TruncSatF32x4S:
    return B.CreateIntrinsic(Intrinsic::fptosi_sat, {I32x4, F32x4},
                             {B.CreateBitCast(V, F32x4)});
  case Opcode::I32x4TruncSatF32x4U:
    return B.CreateIntrinsic(Intrinsic::fptoui_sat, {I32x4, F32x4},
                             {B.CreateBitCast(V, F32x4)});
  case Opcode::F32x4ConvertI32x4S:
    return B.CreateSIToFP(B.CreateBitCast(V, I32x4), F32x4);
  case Opcode::F32x4ConvertI32x4U:
    return B.CreateUIToFP(B.CreateBitCast(V, I32x4), F32x4);
  case Opcode::I32x4TruncSatF64x2SZero:
    return WithZeros(B.CreateIntrinsic(Intrinsic::fptosi_sat, {I32x2, F64x2},
                                       {B.CreateBitCast(V, F64x2)}));
  case Opcode::I32x4TruncSatF64x2UZero:
    return WithZeros(B.CreateIntrinsic(Intrinsic::fptoui_sat, {I32x2, F64x2},
                                       {B.CreateBitCast(V, F64x2)}));
  case Opcode::F64x2ConvertLowI32x4S:
    return B.CreateSIToFP(Low2(B.CreateBitCast(V, I32x4)), F64x2);
  case Opcode::F64x2ConvertLowI32x4U:
    return B.CreateUIToFP(Low2(B.CreateBitCast(V, I32x4)), F64x2);
  case Opcode::F32x4DemoteF64x2Zero:
    return WithZeros(B.CreateFPTrunc(B.CreateBitCast(V, F64x2),
                                     FixedVectorType::get(B.getFloatTy(), 2)));
  case Opcode::F64x2PromoteLowF32x4:
    return B.CreateFPExt(Low2(B.CreateBitCast(V, F32x4)), F64x2);
  default:
    llvm_unreachable("not a SIMD conversion");
  }
}

} // namespace w2n
