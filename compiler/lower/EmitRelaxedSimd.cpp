//===- EmitRelaxedSimd.cpp - Relaxed SIMD ---------------------------------===//
//
// WebAssembly 3.0's relaxed SIMD instructions have a set of allowed results
// where CPUs disagree (out-of-range indices and conversions, NaN and signed
// zeros in min/max, fusing, saturation). Each is lowered to the cheapest
// instruction the target has whose result is in the set; where the target
// has none, to the deterministic form (the strict 2.0 instruction, which is
// always in the set). The choice depends only on the target (triple, CPU,
// features) through LoweringOptions, never on the -O level or the host, so
// a module gives the same results at -O0 and -O2 (docs/semantics.md,
// "Relaxed SIMD", has the table):
//
//   instruction           x86-64                      AArch64, RISC-V 64
//   relaxed_swizzle       pshufb (SSSE3), else strict  strict (AArch64 tbl)
//   relaxed_trunc *_s     cvttps2dq / cvttpd2dq        strict (fcvtzs: sat.)
//   relaxed_trunc *_u     strict                       strict (fcvtzu)
//   relaxed_[n]madd       fma if FMA3, else mul + add  fma (fmla, fmadd)
//   relaxed_laneselect    blendv (SSE4.1; not i16x8)   bitselect (bsl)
//   relaxed_min/max       minps/maxps, minpd/maxpd     strict (fmin/fmax)
//   relaxed_q15mulr_s     pmulhrsw (SSSE3)             strict (sqrdmulh)
//   relaxed_dot*          pmaddubsw (+pmaddwd)         widen, multiply, add
//
//===----------------------------------------------------------------------===//

#include "lower/FunctionTranslator.h"

#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/IntrinsicsX86.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace w2n {

namespace {

SmallVector<int, 16> everyOther(unsigned N, unsigned First) {
  SmallVector<int, 16> R;
  for (unsigned I = First; I < N; I += 2)
    R.push_back(I);
  return R;
}

} // namespace

bool FunctionTranslator::emitRelaxedSimd(const Instr &I) {
  bool X86 = Triple(CC.Opts.Triple).isX86();
  auto *V128 = FixedVectorType::get(B.getInt8Ty(), 16);
  auto *I8x16 = V128;
  auto *I16x8 = FixedVectorType::get(B.getInt16Ty(), 8);
  auto *I16x16 = FixedVectorType::get(B.getInt16Ty(), 16);
  auto *I32x4 = FixedVectorType::get(B.getInt32Ty(), 4);
  auto *I32x8 = FixedVectorType::get(B.getInt32Ty(), 8);
  auto *F32x4 = FixedVectorType::get(B.getFloatTy(), 4);
  auto *F64x2 = FixedVectorType::get(B.getDoubleTy(), 2);
  auto PopAs = [&](llvm::Type *T) { return B.CreateBitCast(pop(), T); };
  auto PushV = [&](Value *V) { push(B.CreateBitCast(V, V128)); };

  // The deterministic i16x8 dot product of a (i8) and b (i7, or i8 read as
  // signed): products widened to i16, pairs added with wrapping.
  auto StrictDot16 = [&](Value *A, Value *Bv) {
    Value *P = B.CreateMul(B.CreateSExt(A, I16x16), B.CreateSExt(Bv, I16x16));
    return B.CreateAdd(B.CreateShuffleVector(P, everyOther(16, 0)),
                       B.CreateShuffleVector(P, everyOther(16, 1)));
  };
  auto Dot16 = [&](Value *A, Value *Bv) -> Value * {
    // pmaddubsw multiplies unsigned bytes (b: an i7 reads the same) by
    // signed ones (a) and adds pairs with saturation: allowed.
    if (X86 && CC.Opts.HasSSSE3)
      return B.CreateIntrinsic(Intrinsic::x86_ssse3_pmadd_ub_sw_128, {},
                               {Bv, A});
    return StrictDot16(A, Bv);
  };

  switch (I.Op) {
  case Opcode::I8x16RelaxedSwizzle: {
    Value *Idx = pop();
    Value *Src = pop();
    // pshufb: an index with the top bit set gives 0, others take the lane
    // of their low four bits; the spec allows either for 16..127.
    if (X86 && CC.Opts.HasSSSE3)
      push(B.CreateIntrinsic(Intrinsic::x86_ssse3_pshuf_b_128, {}, {Src, Idx}));
    else
      push(emitSwizzle(Src, Idx));
    return true;
  }
  case Opcode::I32x4RelaxedTruncF32x4S:
    // cvttps2dq gives 0x80000000 for NaN and out-of-range lanes: allowed.
    if (X86)
      PushV(
          B.CreateIntrinsic(Intrinsic::x86_sse2_cvttps2dq, {}, {PopAs(F32x4)}));
    else
      PushV(emitSimdConversion(Opcode::I32x4TruncSatF32x4S, pop()));
    return true;
  case Opcode::I32x4RelaxedTruncF64x2SZero:
    if (X86)
      PushV(
          B.CreateIntrinsic(Intrinsic::x86_sse2_cvttpd2dq, {}, {PopAs(F64x2)}));
    else
      PushV(emitSimdConversion(Opcode::I32x4TruncSatF64x2SZero, pop()));
    return true;
  case Opcode::I32x4RelaxedTruncF32x4U:
    PushV(emitSimdConversion(Opcode::I32x4TruncSatF32x4U, pop()));
    return true;
  case Opcode::I32x4RelaxedTruncF64x2UZero:
    PushV(emitSimdConversion(Opcode::I32x4TruncSatF64x2UZero, pop()));
    return true;
  case Opcode::F32x4RelaxedMadd:
  case Opcode::F32x4RelaxedNmadd:
  case Opcode::F64x2RelaxedMadd:
  case Opcode::F64x2RelaxedNmadd: {
    bool F32 =
        I.Op == Opcode::F32x4RelaxedMadd || I.Op == Opcode::F32x4RelaxedNmadd;
    bool Negate =
        I.Op == Opcode::F32x4RelaxedNmadd || I.Op == Opcode::F64x2RelaxedNmadd;
    llvm::Type *T = F32 ? static_cast<llvm::Type *>(F32x4) : F64x2;
    Value *Addend = PopAs(T);
    Value *R = PopAs(T);
    Value *L = PopAs(T);
    if (Negate)
      L = B.CreateFNeg(L);
    // No fast-math flags: LLVM never contracts the unfused form.
    if (CC.Opts.FusedMultiplyAdd)
      PushV(B.CreateIntrinsic(Intrinsic::fma, {T}, {L, R, Addend}));
    else
      PushV(B.CreateFAdd(B.CreateFMul(L, R), Addend));
    return true;
  }
  case Opcode::I8x16RelaxedLaneselect:
  case Opcode::I16x8RelaxedLaneselect:
  case Opcode::I32x4RelaxedLaneselect:
  case Opcode::I64x2RelaxedLaneselect: {
    Value *Mask = pop();
    Value *V2 = pop();
    Value *V1 = pop();
    // blendv takes each lane by the top bit of its mask lane; the spec
    // allows that or bitselect when a mask lane is not all ones or zeros.
    // SSE4.1 has no 16-bit blend.
    if (X86 && CC.Opts.HasSSE41 && I.Op != Opcode::I16x8RelaxedLaneselect) {
      if (I.Op == Opcode::I8x16RelaxedLaneselect) {
        push(B.CreateIntrinsic(Intrinsic::x86_sse41_pblendvb, {},
                               {V2, V1, Mask}));
      } else {
        bool Ps = I.Op == Opcode::I32x4RelaxedLaneselect;
        llvm::Type *T = Ps ? static_cast<llvm::Type *>(F32x4) : F64x2;
        PushV(B.CreateIntrinsic(Ps ? Intrinsic::x86_sse41_blendvps
                                   : Intrinsic::x86_sse41_blendvpd,
                                {},
                                {B.CreateBitCast(V2, T), B.CreateBitCast(V1, T),
                                 B.CreateBitCast(Mask, T)}));
      }
      return true;
    }
    push(B.CreateOr(B.CreateAnd(V1, Mask), B.CreateAnd(V2, B.CreateNot(Mask))));
    return true;
  }
  case Opcode::F32x4RelaxedMin:
  case Opcode::F32x4RelaxedMax:
  case Opcode::F64x2RelaxedMin:
  case Opcode::F64x2RelaxedMax: {
    bool F32 =
        I.Op == Opcode::F32x4RelaxedMin || I.Op == Opcode::F32x4RelaxedMax;
    bool Min =
        I.Op == Opcode::F32x4RelaxedMin || I.Op == Opcode::F64x2RelaxedMin;
    llvm::Type *T = F32 ? static_cast<llvm::Type *>(F32x4) : F64x2;
    Value *R = PopAs(T);
    Value *L = PopAs(T);
    if (X86) {
      // minps(a, b) is a < b ? a : b: for NaNs and zeros of either sign it
      // gives b, which the spec allows.
      Intrinsic::ID ID =
          F32 ? (Min ? Intrinsic::x86_sse_min_ps : Intrinsic::x86_sse_max_ps)
              : (Min ? Intrinsic::x86_sse2_min_pd : Intrinsic::x86_sse2_max_pd);
      PushV(B.CreateIntrinsic(ID, {}, {L, R}));
    } else {
      PushV(B.CreateBinaryIntrinsic(
          Min ? Intrinsic::minimum : Intrinsic::maximum, L, R));
    }
    return true;
  }
  case Opcode::I16x8RelaxedQ15mulrS: {
    Value *R = PopAs(I16x8);
    Value *L = PopAs(I16x8);
    // pmulhrsw gives 0x8000 for 0x8000 * 0x8000 instead of saturating to
    // 0x7fff: allowed.
    if (X86 && CC.Opts.HasSSSE3) {
      PushV(B.CreateIntrinsic(Intrinsic::x86_ssse3_pmul_hr_sw_128, {}, {L, R}));
      return true;
    }
    PushV(emitQ15MulrSat(L, R));
    return true;
  }
  case Opcode::I16x8RelaxedDotI8x16I7x16S: {
    Value *Bv = PopAs(I8x16);
    Value *A = PopAs(I8x16);
    PushV(Dot16(A, Bv));
    return true;
  }
  case Opcode::I32x4RelaxedDotI8x16I7x16AddS: {
    Value *Acc = PopAs(I32x4);
    Value *Bv = PopAs(I8x16);
    Value *A = PopAs(I8x16);
    Value *D = Dot16(A, Bv);
    Value *Sum;
    if (X86) {
      // pmaddwd with ones adds the pairs of i16 lanes into i32 lanes.
      Sum = B.CreateIntrinsic(Intrinsic::x86_sse2_pmadd_wd, {},
                              {D, ConstantInt::get(I16x8, 1)});
    } else {
      Value *W = B.CreateSExt(D, I32x8);
      Sum = B.CreateAdd(B.CreateShuffleVector(W, everyOther(8, 0)),
                        B.CreateShuffleVector(W, everyOther(8, 1)));
    }
    PushV(B.CreateAdd(Sum, Acc));
    return true;
  }
  default:
    return false;
  }
}

} // namespace w2n
