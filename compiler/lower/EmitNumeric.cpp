//===- EmitNumeric.cpp - Constants, integer and float operators -----------===//
//
// Exact WebAssembly semantics without fast-math: shift counts are taken
// modulo the width, division and remainder trap as the spec says (and
// INT_MIN % -1 is 0, not UB), float min/max propagate NaN and order -0 below
// +0 (llvm.minimum/maximum), nearest rounds half to even (llvm.roundeven),
// and trapping float-to-int conversions check their range before fptosi.
//
//===----------------------------------------------------------------------===//

#include "lower/FunctionTranslator.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/IR/Intrinsics.h"

using namespace llvm;

namespace w2n {

// LLVM treats the quieting of a signalling NaN as unobservable and folds
// x*1.0, x/1.0, x+(-0.0), x-0.0 (and x*-1.0 into fneg), which would return
// a signalling NaN where wasm requires an arithmetic (quiet) one. An
// identity constant is hidden behind llvm.arithmetic.fence, which no fold
// looks through; the backend emits the real operation. Constants that only
// appear after optimisation (say, through inlining) are not covered; see
// docs/semantics.md.
Value *FunctionTranslator::fenceIdentity(Value *V) {
  auto IsIdentity = [](const APFloat &F) {
    return F.isZero() || F.isExactlyValue(1.0) || F.isExactlyValue(-1.0);
  };
  const APFloat *F = nullptr;
  if (auto *C = dyn_cast<ConstantFP>(V))
    F = &C->getValueAPF();
  else if (auto *CV = dyn_cast<Constant>(V))
    if (auto *Splat = dyn_cast_or_null<ConstantFP>(CV->getSplatValue()))
      F = &Splat->getValueAPF();
  if (!F || !IsIdentity(*F))
    return V;
  return B.CreateUnaryIntrinsic(Intrinsic::arithmetic_fence, V);
}

// llvm.minimum/maximum may pass a signalling NaN operand through unquieted.
// Adding -0.0 is the identity on every other value (-0 + -0 = -0,
// +0 + -0 = +0) and quiets a NaN.
Value *FunctionTranslator::quietNaN(Value *V) {
  Value *NegZero = ConstantFP::getNegativeZero(V->getType());
  return B.CreateFAdd(
      V, B.CreateUnaryIntrinsic(Intrinsic::arithmetic_fence, NegZero));
}

// ceil, floor, trunc and nearest (scalar or per lane). Where the target's
// expansion may return a signalling NaN unchanged (riscv64 without Zfa:
// `|x| < 2^23 ? convert : x`), the result is quieted as above.
Value *FunctionTranslator::emitRounding(Intrinsic::ID ID, Value *V) {
  Value *Res = B.CreateUnaryIntrinsic(ID, V);
  return CC.Opts.QuietRounding ? quietNaN(Res) : Res;
}

void FunctionTranslator::emitConst(const Instr &I) {
  switch (I.Op) {
  case Opcode::I32Const:
    push(B.getInt32(uint32_t(I.Value)));
    return;
  case Opcode::I64Const:
    push(B.getInt64(I.Value));
    return;
  case Opcode::F32Const:
    // Through APInt, so NaN payloads survive bit for bit.
    push(ConstantFP::get(
        Ctx, APFloat(APFloat::IEEEsingle(), APInt(32, uint32_t(I.Value)))));
    return;
  case Opcode::F64Const:
    push(ConstantFP::get(Ctx,
                         APFloat(APFloat::IEEEdouble(), APInt(64, I.Value))));
    return;
  default:
    llvm_unreachable("not a constant");
  }
}

Value *FunctionTranslator::emitIntDivRem(Opcode Op, Value *L, Value *R) {
  llvm::Type *Ty = L->getType();
  unsigned Bits = Ty->getIntegerBitWidth();
  Value *Zero = ConstantInt::get(Ty, 0);
  trapIf(B.CreateICmpEQ(R, Zero), W2N_TRAP_INT_DIV_BY_ZERO);
  Value *MinusOne = ConstantInt::getSigned(Ty, -1);
  Value *IntMin = ConstantInt::get(Ty, APInt::getSignedMinValue(Bits));
  switch (Op) {
  case Opcode::I32DivS:
  case Opcode::I64DivS:
    trapIf(B.CreateAnd(B.CreateICmpEQ(L, IntMin), B.CreateICmpEQ(R, MinusOne)),
           W2N_TRAP_INT_OVERFLOW);
    return B.CreateSDiv(L, R);
  case Opcode::I32DivU:
  case Opcode::I64DivU:
    return B.CreateUDiv(L, R);
  case Opcode::I32RemS:
  case Opcode::I64RemS: {
    // x % -1 is 0 for every x; dividing by 1 instead avoids the UB (and the
    // hardware fault) of INT_MIN % -1.
    Value *SafeR =
        B.CreateSelect(B.CreateICmpEQ(R, MinusOne), ConstantInt::get(Ty, 1), R);
    return B.CreateSRem(L, SafeR);
  }
  case Opcode::I32RemU:
  case Opcode::I64RemU:
    return B.CreateURem(L, R);
  default:
    llvm_unreachable("not a division");
  }
}

Value *FunctionTranslator::emitTruncToInt(Opcode Op, Value *V) {
  // In range iff Lo < V < Hi (both exclusive bounds are exactly
  // representable in the source type); NaN fails every comparison.
  bool Signed, To64;
  switch (Op) {
  case Opcode::I32TruncF32S:
  case Opcode::I32TruncF64S:
    Signed = true, To64 = false;
    break;
  case Opcode::I32TruncF32U:
  case Opcode::I32TruncF64U:
    Signed = false, To64 = false;
    break;
  case Opcode::I64TruncF32S:
  case Opcode::I64TruncF64S:
    Signed = true, To64 = true;
    break;
  default:
    Signed = false, To64 = true;
    break;
  }
  bool FromF64 = V->getType()->isDoubleTy();
  double Lo, Hi;
  if (Signed) {
    Hi = To64 ? 9223372036854775808.0 : 2147483648.0;
    // -2^31 - 1 is exact in f64 but not in f32, where the next value below
    // -2^31 is -2^31 - 128; likewise for 64 bits in both types.
    if (!To64 && FromF64)
      Lo = -2147483649.0;
    else if (!To64)
      Lo = -2147483904.0;
    else if (FromF64)
      Lo = -9223372036854777856.0;
    else
      Lo = -9223373136366403584.0;
  } else {
    Hi = To64 ? 18446744073709551616.0 : 4294967296.0;
    Lo = -1.0;
  }
  llvm::Type *FT = V->getType();
  Value *IsNaN = B.CreateFCmpUNO(V, V);
  trapIf(IsNaN, W2N_TRAP_INVALID_CONVERSION);
  Value *InRange = B.CreateAnd(B.CreateFCmpOGT(V, ConstantFP::get(FT, Lo)),
                               B.CreateFCmpOLT(V, ConstantFP::get(FT, Hi)));
  trapIf(B.CreateNot(InRange), W2N_TRAP_INT_OVERFLOW);
  llvm::Type *IT = To64 ? B.getInt64Ty() : B.getInt32Ty();
  (void)FromF64;
  return Signed ? B.CreateFPToSI(V, IT) : B.CreateFPToUI(V, IT);
}

Value *FunctionTranslator::emitSatTrunc(Opcode Op, Value *V) {
  bool Signed = Op == Opcode::I32TruncSatF32S ||
                Op == Opcode::I32TruncSatF64S ||
                Op == Opcode::I64TruncSatF32S || Op == Opcode::I64TruncSatF64S;
  bool To64 = Op == Opcode::I64TruncSatF32S || Op == Opcode::I64TruncSatF32U ||
              Op == Opcode::I64TruncSatF64S || Op == Opcode::I64TruncSatF64U;
  llvm::Type *IT = To64 ? B.getInt64Ty() : B.getInt32Ty();
  // llvm.fpto[su]i.sat saturate and map NaN to 0, exactly as wasm wants.
  return B.CreateIntrinsic(Signed ? Intrinsic::fptosi_sat
                                  : Intrinsic::fptoui_sat,
                           {IT, V->getType()}, {V});
}

void FunctionTranslator::emitNumeric(const Instr &I) {
  const OpcodeInfo &Info = I.info();
  llvm::Type *I32 = B.getInt32Ty();
  llvm::Type *I64 = B.getInt64Ty();
  auto Bool = [&](Value *C) { return B.CreateZExt(C, I32); };
  auto Unary = [&](Intrinsic::ID ID) {
    Value *V = pop();
    return B.CreateUnaryIntrinsic(ID, V);
  };
  auto Binary = [&](Intrinsic::ID ID) {
    Value *R = pop();
    Value *L = pop();
    return B.CreateBinaryIntrinsic(ID, L, R);
  };

  // Unary operators first.
  if (Info.Params[1] == ValType::Bottom) {
    Value *V = pop();
    Value *Res = nullptr;
    switch (I.Op) {
    case Opcode::I32Eqz:
    case Opcode::I64Eqz:
      Res = Bool(B.CreateICmpEQ(V, ConstantInt::get(V->getType(), 0)));
      break;
    case Opcode::I32Clz:
    case Opcode::I64Clz:
      Res = B.CreateBinaryIntrinsic(Intrinsic::ctlz, V, B.getFalse());
      break;
    case Opcode::I32Ctz:
    case Opcode::I64Ctz:
      Res = B.CreateBinaryIntrinsic(Intrinsic::cttz, V, B.getFalse());
      break;
    case Opcode::I32Popcnt:
    case Opcode::I64Popcnt:
      Res = B.CreateUnaryIntrinsic(Intrinsic::ctpop, V);
      break;
    case Opcode::F32Abs:
    case Opcode::F64Abs:
      Res = B.CreateUnaryIntrinsic(Intrinsic::fabs, V);
      break;
    case Opcode::F32Neg:
    case Opcode::F64Neg:
      Res = B.CreateFNeg(V);
      break;
    case Opcode::F32Ceil:
    case Opcode::F64Ceil:
      Res = emitRounding(Intrinsic::ceil, V);
      break;
    case Opcode::F32Floor:
    case Opcode::F64Floor:
      Res = emitRounding(Intrinsic::floor, V);
      break;
    case Opcode::F32Trunc:
    case Opcode::F64Trunc:
      Res = emitRounding(Intrinsic::trunc, V);
      break;
    case Opcode::F32Nearest:
    case Opcode::F64Nearest:
      Res = emitRounding(Intrinsic::roundeven, V);
      break;
    case Opcode::F32Sqrt:
    case Opcode::F64Sqrt:
      Res = B.CreateUnaryIntrinsic(Intrinsic::sqrt, V);
      break;
    case Opcode::I32WrapI64:
      Res = B.CreateTrunc(V, I32);
      break;
    case Opcode::I64ExtendI32S:
      Res = B.CreateSExt(V, I64);
      break;
    case Opcode::I64ExtendI32U:
      Res = B.CreateZExt(V, I64);
      break;
    case Opcode::I32TruncF32S:
    case Opcode::I32TruncF32U:
    case Opcode::I32TruncF64S:
    case Opcode::I32TruncF64U:
    case Opcode::I64TruncF32S:
    case Opcode::I64TruncF32U:
    case Opcode::I64TruncF64S:
    case Opcode::I64TruncF64U:
      Res = emitTruncToInt(I.Op, V);
      break;
    case Opcode::I32TruncSatF32S:
    case Opcode::I32TruncSatF32U:
    case Opcode::I32TruncSatF64S:
    case Opcode::I32TruncSatF64U:
    case Opcode::I64TruncSatF32S:
    case Opcode::I64TruncSatF32U:
    case Opcode::I64TruncSatF64S:
    case Opcode::I64TruncSatF64U:
      Res = emitSatTrunc(I.Op, V);
      break;
    case Opcode::F32ConvertI32S:
    case Opcode::F32ConvertI64S:
      Res = B.CreateSIToFP(V, B.getFloatTy());
      break;
    case Opcode::F32ConvertI32U:
    case Opcode::F32ConvertI64U:
      Res = B.CreateUIToFP(V, B.getFloatTy());
      break;
    case Opcode::F64ConvertI32S:
    case Opcode::F64ConvertI64S:
      Res = B.CreateSIToFP(V, B.getDoubleTy());
      break;
    case Opcode::F64ConvertI32U:
    case Opcode::F64ConvertI64U:
      Res = B.CreateUIToFP(V, B.getDoubleTy());
      break;
    case Opcode::F32DemoteF64:
      // demote(promote(x)) must quiet a signalling NaN; LLVM folds it to x.
      if (isa<FPExtInst>(V))
        V = B.CreateUnaryIntrinsic(Intrinsic::arithmetic_fence, V);
      Res = B.CreateFPTrunc(V, B.getFloatTy());
      break;
    case Opcode::F64PromoteF32:
      Res = B.CreateFPExt(V, B.getDoubleTy());
      break;
    case Opcode::I32ReinterpretF32:
      Res = B.CreateBitCast(V, I32);
      break;
    case Opcode::I64ReinterpretF64:
      Res = B.CreateBitCast(V, I64);
      break;
    case Opcode::F32ReinterpretI32:
      Res = B.CreateBitCast(V, B.getFloatTy());
      break;
    case Opcode::F64ReinterpretI64:
      Res = B.CreateBitCast(V, B.getDoubleTy());
      break;
    case Opcode::I32Extend8S:
      Res = B.CreateSExt(B.CreateTrunc(V, B.getInt8Ty()), I32);
      break;
    case Opcode::I32Extend16S:
      Res = B.CreateSExt(B.CreateTrunc(V, B.getInt16Ty()), I32);
      break;
    case Opcode::I64Extend8S:
      Res = B.CreateSExt(B.CreateTrunc(V, B.getInt8Ty()), I64);
      break;
    case Opcode::I64Extend16S:
      Res = B.CreateSExt(B.CreateTrunc(V, B.getInt16Ty()), I64);
      break;
    case Opcode::I64Extend32S:
      Res = B.CreateSExt(B.CreateTrunc(V, I32), I64);
      break;
    default:
      llvm_unreachable("unhandled unary operator");
    }
    push(Res);
    return;
  }

  switch (I.Op) {
  case Opcode::F32Min:
  case Opcode::F64Min:
    push(quietNaN(Binary(Intrinsic::minimum)));
    return;
  case Opcode::F32Max:
  case Opcode::F64Max:
    push(quietNaN(Binary(Intrinsic::maximum)));
    return;
  case Opcode::F32Copysign:
  case Opcode::F64Copysign:
    push(Binary(Intrinsic::copysign));
    return;
  case Opcode::I32Rotl:
  case Opcode::I64Rotl: {
    Value *R = pop();
    Value *L = pop();
    push(B.CreateIntrinsic(Intrinsic::fshl, {L->getType()}, {L, L, R}));
    return;
  }
  case Opcode::I32Rotr:
  case Opcode::I64Rotr: {
    Value *R = pop();
    Value *L = pop();
    push(B.CreateIntrinsic(Intrinsic::fshr, {L->getType()}, {L, L, R}));
    return;
  }
  default:
    break;
  }
  (void)Unary;

  Value *R = pop();
  Value *L = pop();
  auto Shift = [&](Value *Count) {
    unsigned Bits = L->getType()->getIntegerBitWidth();
    return B.CreateAnd(Count, ConstantInt::get(L->getType(), Bits - 1));
  };
  Value *Res = nullptr;
  switch (I.Op) {
  case Opcode::I32Eq:
  case Opcode::I64Eq:
    Res = Bool(B.CreateICmpEQ(L, R));
    break;
  case Opcode::I32Ne:
  case Opcode::I64Ne:
    Res = Bool(B.CreateICmpNE(L, R));
    break;
  case Opcode::I32LtS:
  case Opcode::I64LtS:
    Res = Bool(B.CreateICmpSLT(L, R));
    break;
  case Opcode::I32LtU:
  case Opcode::I64LtU:
    Res = Bool(B.CreateICmpULT(L, R));
    break;
  case Opcode::I32GtS:
  case Opcode::I64GtS:
    Res = Bool(B.CreateICmpSGT(L, R));
    break;
  case Opcode::I32GtU:
  case Opcode::I64GtU:
    Res = Bool(B.CreateICmpUGT(L, R));
    break;
  case Opcode::I32LeS:
  case Opcode::I64LeS:
    Res = Bool(B.CreateICmpSLE(L, R));
    break;
  case Opcode::I32LeU:
  case Opcode::I64LeU:
    Res = Bool(B.CreateICmpULE(L, R));
    break;
  case Opcode::I32GeS:
  case Opcode::I64GeS:
    Res = Bool(B.CreateICmpSGE(L, R));
    break;
  case Opcode::I32GeU:
  case Opcode::I64GeU:
    Res = Bool(B.CreateICmpUGE(L, R));
    break;
  case Opcode::F32Eq:
  case Opcode::F64Eq:
    Res = Bool(B.CreateFCmpOEQ(L, R));
    break;
  case Opcode::F32Ne:
  case Opcode::F64Ne:
    Res = Bool(B.CreateFCmpUNE(L, R));
    break;
  case Opcode::F32Lt:
  case Opcode::F64Lt:
    Res = Bool(B.CreateFCmpOLT(L, R));
    break;
  case Opcode::F32Gt:
  case Opcode::F64Gt:
    Res = Bool(B.CreateFCmpOGT(L, R));
    break;
  case Opcode::F32Le:
  case Opcode::F64Le:
    Res = Bool(B.CreateFCmpOLE(L, R));
    break;
  case Opcode::F32Ge:
  case Opcode::F64Ge:
    Res = Bool(B.CreateFCmpOGE(L, R));
    break;
  case Opcode::I32Add:
  case Opcode::I64Add:
    Res = B.CreateAdd(L, R);
    break;
  case Opcode::I32Sub:
  case Opcode::I64Sub:
    Res = B.CreateSub(L, R);
    break;
  case Opcode::I32Mul:
  case Opcode::I64Mul:
    Res = B.CreateMul(L, R);
    break;
  case Opcode::I32DivS:
  case Opcode::I32DivU:
  case Opcode::I32RemS:
  case Opcode::I32RemU:
  case Opcode::I64DivS:
  case Opcode::I64DivU:
  case Opcode::I64RemS:
  case Opcode::I64RemU:
    Res = emitIntDivRem(I.Op, L, R);
    break;
  case Opcode::I32And:
  case Opcode::I64And:
    Res = B.CreateAnd(L, R);
    break;
  case Opcode::I32Or:
  case Opcode::I64Or:
    Res = B.CreateOr(L, R);
    break;
  case Opcode::I32Xor:
  case Opcode::I64Xor:
    Res = B.CreateXor(L, R);
    break;
  case Opcode::I32Shl:
  case Opcode::I64Shl:
    Res = B.CreateShl(L, Shift(R));
    break;
  case Opcode::I32ShrS:
  case Opcode::I64ShrS:
    Res = B.CreateAShr(L, Shift(R));
    break;
  case Opcode::I32ShrU:
  case Opcode::I64ShrU:
    Res = B.CreateLShr(L, Shift(R));
    break;
  case Opcode::F32Add:
  case Opcode::F64Add:
    Res = B.CreateFAdd(fenceIdentity(L), fenceIdentity(R));
    break;
  case Opcode::F32Sub:
  case Opcode::F64Sub:
    Res = B.CreateFSub(fenceIdentity(L), fenceIdentity(R));
    break;
  case Opcode::F32Mul:
  case Opcode::F64Mul:
    Res = B.CreateFMul(fenceIdentity(L), fenceIdentity(R));
    break;
  case Opcode::F32Div:
  case Opcode::F64Div:
    Res = B.CreateFDiv(fenceIdentity(L), fenceIdentity(R));
    break;
  default:
    llvm_unreachable("unhandled binary operator");
  }
  push(Res);
}

} // namespace w2n
