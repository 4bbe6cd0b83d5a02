//===- ValidatorTest.cpp - Module and function validation -----------------===//
///
/// \file
/// validateModule() on modules assembled byte by byte. Each test names the
/// rule it breaks and checks the file offset and message of the error; most
/// build one function with oneFunc() and count offsets from its body.
///
//===----------------------------------------------------------------------===//

#include "validate/Validator.h"

#include "WasmBuilder.h"

#include "gtest/gtest.h"

using namespace llvm;
using namespace w2n;
using namespace w2n::test;

namespace {

// Opcodes used below.
enum : uint8_t {
  Unreachable = 0x00,
  Block = 0x02,
  Loop = 0x03,
  If = 0x04,
  Else = 0x05,
  End = 0x0b,
  Br = 0x0c,
  BrTable = 0x0e,
  Call = 0x10,
  Drop = 0x1a,
  Select = 0x1b,
  SelectT = 0x1c,
  LocalGet = 0x20,
  GlobalGet = 0x23,
  GlobalSet = 0x24,
  I32Load = 0x28,
  I32Const = 0x41,
  I64Const = 0x42,
  I32Add = 0x6a,
  I32And = 0x71,
  RefNull = 0xd0,
  RefFunc = 0xd2,
  Prefix = 0xfc,
  Empty = 0x40, ///< the empty block type
};

const Bytes NoLocals{0x00};
const Bytes VoidType = funcType({}, {});
const Bytes I32Result = funcType({}, {I32});
const std::pair<uint8_t, Bytes> OneMemory{SecMemory, vec({{0x00, 0x01}})};

Error validate(const OneFunc &F) { return decodeAndValidate(F.Module); }

//===----------------------------------------------------------------------===//
// Operand typing
//===----------------------------------------------------------------------===//

TEST(ValidatorTest, ValidFunction) {
  OneFunc F =
      oneFunc(I32Result, NoLocals, {I32Const, 1, I32Const, 2, I32Add, End});
  EXPECT_TRUE(succeeds(validate(F)));
}

TEST(ValidatorTest, OperandTypeMismatch) {
  OneFunc F = oneFunc(VoidType, NoLocals,
                      {I32Const, 0, I64Const, 0, I32Add, Drop, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 4,
                      "type mismatch: i32.add expects i32 but got i64"));
}

TEST(ValidatorTest, OperandMissing) {
  OneFunc F = oneFunc(VoidType, NoLocals, {I32Const, 0, I32Add, Drop, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 2,
                      "type mismatch: i32.add expects an operand but the "
                      "stack is empty"));
}

TEST(ValidatorTest, ResultTypeMismatch) {
  OneFunc F = oneFunc(I32Result, NoLocals, {I64Const, 0, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 2,
                      "type mismatch: end expects i32 but got i64"));
}

TEST(ValidatorTest, ValuesLeftAtEnd) {
  OneFunc F = oneFunc(VoidType, NoLocals, {I32Const, 0, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 2,
                      "type mismatch: 1 values left on the stack"));
}

TEST(ValidatorTest, MissingFinalEnd) {
  OneFunc F = oneFunc(VoidType, NoLocals, {Block, Empty, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 3,
                      "unexpected end of section or function"));
}

TEST(ValidatorTest, OperatorsAfterFinalEnd) {
  OneFunc F = oneFunc(VoidType, NoLocals, {End, 0x01});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 1,
                      "operators remaining after the end of the function"));
}

//===----------------------------------------------------------------------===//
// Index spaces
//===----------------------------------------------------------------------===//

TEST(ValidatorTest, Locals) {
  // Parameter 0 is i32, locals 1 and 2 are i64.
  Bytes Locals = vec({{0x02, I64}});
  OneFunc F = oneFunc(funcType({I32}, {I64}), Locals,
                      {LocalGet, 2, LocalGet, 0, Drop, End});
  EXPECT_TRUE(succeeds(validate(F)));
}

TEST(ValidatorTest, UnknownLocal) {
  Bytes Locals = vec({{0x02, I64}});
  OneFunc F = oneFunc(funcType({I32}, {}), Locals, {LocalGet, 3, Drop, End});
  // Reported at the immediate, like the other unknown indices.
  EXPECT_TRUE(failsAt(validate(F), F.Body + 1, "unknown local 3"));
}

TEST(ValidatorTest, UnknownGlobal) {
  OneFunc F = oneFunc(VoidType, NoLocals, {GlobalGet, 0, Drop, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 1, "unknown global 0"));
}

TEST(ValidatorTest, ImmutableGlobal) {
  OneFunc F = oneFunc(VoidType, NoLocals, {I32Const, 1, GlobalSet, 0, End},
                      {{SecGlobal, vec({{I32, 0x00, I32Const, 0, End}})}});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 3, "global is immutable"));
}

TEST(ValidatorTest, UnknownFunction) {
  OneFunc F = oneFunc(VoidType, NoLocals, {Call, 1, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 1, "unknown function 1"));
}

TEST(ValidatorTest, CallTypesArguments) {
  OneFunc F = oneFunc(funcType({I32}, {}), NoLocals, {Call, 0, End});
  EXPECT_TRUE(
      failsAt(validate(F), F.Body, "type mismatch: call expects an operand"));
}

TEST(ValidatorTest, UnknownLabel) {
  OneFunc F =
      oneFunc(VoidType, NoLocals, {Block, Empty, Br, 1, Br, 2, End, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 5, "unknown label 2"));
}

//===----------------------------------------------------------------------===//
// Blocks
//===----------------------------------------------------------------------===//

TEST(ValidatorTest, BlockUnknownType) {
  OneFunc F = oneFunc(VoidType, NoLocals, {Block, 0x05, End, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 1, "unknown type 5"));
}

TEST(ValidatorTest, BlockResultMissing) {
  OneFunc F = oneFunc(VoidType, NoLocals, {Block, I32, End, Drop, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 2,
                      "type mismatch: end expects an operand but the stack "
                      "is empty"));
}

TEST(ValidatorTest, BlockWithParameters) {
  // Type 1 is [i32] -> [i32]; block and loop take their parameters from
  // the stack, and a branch to a loop carries the loop's parameters.
  ModuleBuilder B;
  B.section(SecType, vec({VoidType, funcType({I32}, {I32})}));
  B.section(SecFunction, vec({uleb(0)}));
  B.code({{NoLocals,
           {I32Const, 1, Block, 0x01, I32Const, 2, I32Add, End, //
            Loop, 0x01, Br, 0, End, Drop, End}}});
  EXPECT_TRUE(succeeds(decodeAndValidate(B.bytes())));
}

TEST(ValidatorTest, BlockParameterMissing) {
  ModuleBuilder B;
  B.section(SecType, vec({VoidType, funcType({I32}, {I32})}));
  B.section(SecFunction, vec({uleb(0)}));
  uint64_t Body = B.code({{NoLocals, {Block, 0x01, End, Drop, End}}})[0];
  EXPECT_TRUE(failsAt(decodeAndValidate(B.bytes()), Body,
                      "type mismatch: block expects an operand"));
}

TEST(ValidatorTest, BranchCarriesBlockResults) {
  OneFunc F = oneFunc(VoidType, NoLocals, {Block, I32, Br, 0, End, Drop, End});
  EXPECT_TRUE(
      failsAt(validate(F), F.Body + 2, "type mismatch: br expects an operand"));
}

TEST(ValidatorTest, IfWithoutElseMustNotChangeTypes) {
  OneFunc F = oneFunc(VoidType, NoLocals,
                      {I32Const, 1, If, I32, I32Const, 2, End, Drop, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 6,
                      "if without else must leave its parameters as its "
                      "results"));
}

TEST(ValidatorTest, IfElse) {
  OneFunc F =
      oneFunc(I32Result, NoLocals,
              {I32Const, 1, If, I32, I32Const, 2, Else, I32Const, 3, End, End});
  EXPECT_TRUE(succeeds(validate(F)));
}

TEST(ValidatorTest, ElseWithoutIf) {
  OneFunc F = oneFunc(VoidType, NoLocals, {Block, Empty, Else, End, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 2, "else without a matching if"));
}

//===----------------------------------------------------------------------===//
// Unreachable code
//===----------------------------------------------------------------------===//

TEST(ValidatorTest, UnreachableProducesAnyType) {
  OneFunc F = oneFunc(I32Result, NoLocals, {Unreachable, I32Add, End});
  EXPECT_TRUE(succeeds(validate(F)));
  OneFunc G = oneFunc(I32Result, NoLocals, {Unreachable, End});
  EXPECT_TRUE(succeeds(validate(G)));
  OneFunc H =
      oneFunc(VoidType, NoLocals,
              {Block, Empty, Br, 0, Drop, Drop, Select, Drop, End, End});
  EXPECT_TRUE(succeeds(validate(H)));
}

TEST(ValidatorTest, UnreachableStillChecksKnownTypes) {
  OneFunc F = oneFunc(VoidType, NoLocals,
                      {Unreachable, I64Const, 0, I32Add, Drop, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 3,
                      "type mismatch: i32.add expects i32 but got i64"));
}

TEST(ValidatorTest, UnreachableDoesNotLeakOutOfBlock) {
  // The block is unreachable inside, but it still produces nothing.
  OneFunc F =
      oneFunc(I32Result, NoLocals, {Block, Empty, Unreachable, End, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 4,
                      "type mismatch: end expects an operand"));
}

//===----------------------------------------------------------------------===//
// select and br_table
//===----------------------------------------------------------------------===//

TEST(ValidatorTest, Select) {
  OneFunc F = oneFunc(I32Result, NoLocals,
                      {I32Const, 1, I32Const, 2, I32Const, 0, Select, End});
  EXPECT_TRUE(succeeds(validate(F)));
}

TEST(ValidatorTest, SelectOperandsDiffer) {
  OneFunc F =
      oneFunc(VoidType, NoLocals,
              {I32Const, 1, I64Const, 2, I32Const, 0, Select, Drop, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 6,
                      "type mismatch: select operands are i32 and i64"));
}

TEST(ValidatorTest, SelectWithoutTypeNeedsNumbers) {
  OneFunc F = oneFunc(
      VoidType, NoLocals,
      {RefNull, FuncRef, RefNull, FuncRef, I32Const, 0, Select, Drop, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 6,
                      "select without a type annotation needs numeric or "
                      "vector operands"));
}

TEST(ValidatorTest, TypedSelect) {
  OneFunc F = oneFunc(VoidType, NoLocals,
                      {RefNull, FuncRef, RefNull, FuncRef, I32Const, 0, SelectT,
                       0x01, FuncRef, Drop, End});
  EXPECT_TRUE(succeeds(validate(F)));
}

TEST(ValidatorTest, TypedSelectArity) {
  OneFunc F = oneFunc(VoidType, NoLocals,
                      {I32Const, 1, I32Const, 2, I32Const, 0, SelectT, 0x02,
                       I32, I32, Drop, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 7, "invalid result arity"));
}

TEST(ValidatorTest, BrTable) {
  OneFunc F = oneFunc(VoidType, NoLocals,
                      {Block, I32, Block, I32, I32Const, 7, I32Const, 0,
                       BrTable, 0x01, 0x00, 0x01, End, End, Drop, End});
  EXPECT_TRUE(succeeds(validate(F)));
}

TEST(ValidatorTest, BrTableArityMismatch) {
  // Label 0 (the inner block) takes nothing, label 1 takes an i32.
  OneFunc F = oneFunc(VoidType, NoLocals,
                      {Block, I32, Block, Empty, I32Const, 0, BrTable, 0x01,
                       0x00, 0x01, End, I32Const, 0, End, Drop, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 7,
                      "br_table targets have different arities"));
}

TEST(ValidatorTest, BrTableUnknownLabel) {
  OneFunc F = oneFunc(VoidType, NoLocals,
                      {I32Const, 0, BrTable, 0x01, 0x00, 0x05, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 3, "unknown label 5"));
}

//===----------------------------------------------------------------------===//
// References, data segments, memory
//===----------------------------------------------------------------------===//

TEST(ValidatorTest, RefFuncUndeclared) {
  OneFunc F = oneFunc(VoidType, NoLocals, {RefFunc, 0, Drop, End});
  EXPECT_TRUE(
      failsAt(validate(F), F.Body + 1, "undeclared function reference 0"));
}

TEST(ValidatorTest, RefFuncDeclaredByExport) {
  OneFunc F = oneFunc(VoidType, NoLocals, {RefFunc, 0, Drop, End},
                      {{SecExport, vec({cat({name("f"), {0x00, 0x00}})})}});
  EXPECT_TRUE(succeeds(validate(F)));
}

TEST(ValidatorTest, RefFuncDeclaredByElementSegment) {
  OneFunc F =
      oneFunc(VoidType, NoLocals, {RefFunc, 0, Drop, End},
              {{SecElement, vec({cat({{0x03, 0x00}, vec({uleb(0)})})})}});
  EXPECT_TRUE(succeeds(validate(F)));
}

TEST(ValidatorTest, DataDropNeedsDataCount) {
  OneFunc F = oneFunc(VoidType, NoLocals, {Prefix, 0x09, 0x00, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body, "data count section required"));
}

TEST(ValidatorTest, MemoryInitNeedsDataCount) {
  OneFunc F = oneFunc(
      VoidType, NoLocals,
      {I32Const, 0, I32Const, 0, I32Const, 0, Prefix, 0x08, 0x00, 0x00, End},
      {OneMemory});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 6, "data count section required"));
}

TEST(ValidatorTest, DataDropUnknownSegment) {
  OneFunc F = oneFunc(VoidType, NoLocals, {Prefix, 0x09, 0x00, End},
                      {{SecDataCount, uleb(0)}});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 2, "unknown data segment 0"));
}

TEST(ValidatorTest, DataDropWithDataCount) {
  ModuleBuilder B;
  B.section(SecType, vec({VoidType}));
  B.section(SecFunction, vec({uleb(0)}));
  B.section(SecDataCount, uleb(1));
  B.code({{NoLocals, {Prefix, 0x09, 0x00, End}}});
  B.section(SecData, vec({cat({{0x01}, name("x")})}));
  EXPECT_TRUE(succeeds(decodeAndValidate(B.bytes())));
}

TEST(ValidatorTest, NaturalAlignment) {
  OneFunc F = oneFunc(I32Result, NoLocals,
                      {I32Const, 0, I32Load, 0x02, 0x00, End}, {OneMemory});
  EXPECT_TRUE(succeeds(validate(F)));
}

TEST(ValidatorTest, AlignmentLargerThanNatural) {
  OneFunc F = oneFunc(I32Result, NoLocals,
                      {I32Const, 0, I32Load, 0x03, 0x00, End}, {OneMemory});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 3,
                      "alignment must not be larger than natural (2**3 > 4)"));
}

TEST(ValidatorTest, LoadWithoutMemory) {
  OneFunc F =
      oneFunc(I32Result, NoLocals, {I32Const, 0, I32Load, 0x02, 0x00, End});
  EXPECT_TRUE(failsAt(validate(F), F.Body + 3, "unknown memory 0"));
}

//===----------------------------------------------------------------------===//
// Module-level rules
//===----------------------------------------------------------------------===//

TEST(ValidatorTest, StartFunctionType) {
  OneFunc F =
      oneFunc(funcType({I32}, {}), NoLocals, {End}, {{SecStart, uleb(0)}});
  EXPECT_TRUE(failsAt(validate(F), F.Middle[0],
                      "start function must take no parameters and return "
                      "nothing"));
}

TEST(ValidatorTest, StartFunctionUnknown) {
  OneFunc F = oneFunc(VoidType, NoLocals, {End}, {{SecStart, uleb(5)}});
  EXPECT_TRUE(failsAt(validate(F), F.Middle[0], "unknown function 5"));
}

TEST(ValidatorTest, DuplicateExport) {
  OneFunc F = oneFunc(VoidType, NoLocals, {End},
                      {{SecExport, vec({cat({name("f"), {0x00, 0x00}}),
                                        cat({name("f"), {0x00, 0x00}})})}});
  EXPECT_TRUE(
      failsAt(validate(F), F.Middle[0] + 5, "duplicate export name \"f\""));
}

TEST(ValidatorTest, ExportUnknownIndex) {
  OneFunc F = oneFunc(VoidType, NoLocals, {End},
                      {{SecExport, vec({cat({name("g"), {0x03, 0x00}})})}});
  EXPECT_TRUE(failsAt(validate(F), F.Middle[0] + 1,
                      "unknown global 0 in export \"g\""));
}

TEST(ValidatorTest, FunctionUnknownType) {
  ModuleBuilder B;
  B.section(SecType, vec({VoidType}));
  uint64_t Funcs = B.section(SecFunction, vec({uleb(0), uleb(1)}));
  B.code({{NoLocals, {End}}, {NoLocals, {End}}});
  EXPECT_TRUE(
      failsAt(decodeAndValidate(B.bytes()), Funcs + 2, "unknown type 1"));
}

Error validateMemories(const Bytes &Memories) {
  ModuleBuilder B;
  B.section(SecMemory, Memories);
  return decodeAndValidate(B.bytes());
}

TEST(ValidatorTest, MemoryLimits) {
  EXPECT_TRUE(
      succeeds(validateMemories(vec({cat({{0x01}, uleb(0), uleb(65536)})}))));
  ModuleBuilder B;
  uint64_t C = B.section(SecMemory, vec({cat({{0x00}, uleb(65537)})}));
  EXPECT_TRUE(failsAt(decodeAndValidate(B.bytes()), C + 1,
                      "memory size must be at most 65536 pages (4GiB)"));
  ModuleBuilder M;
  C = M.section(SecMemory, vec({cat({{0x01}, uleb(1), uleb(65537)})}));
  EXPECT_TRUE(failsAt(decodeAndValidate(M.bytes()), C + 1,
                      "memory size must be at most 65536 pages (4GiB)"));
}

TEST(ValidatorTest, MemoryMinAboveMax) {
  ModuleBuilder B;
  uint64_t C = B.section(SecMemory, vec({{0x01, 0x02, 0x01}}));
  EXPECT_TRUE(failsAt(decodeAndValidate(B.bytes()), C + 1,
                      "size minimum must not be greater than maximum (2 > 1)"));
}

TEST(ValidatorTest, MultipleMemories) {
  ModuleBuilder B;
  uint64_t C = B.section(SecMemory, vec({{0x00, 0x01}, {0x00, 0x01}}));
  EXPECT_TRUE(succeeds(decodeAndValidate(B.bytes())));
  EXPECT_TRUE(failsAt(decodeAndValidate(B.bytes(), FeatureSet::wasm2()), C + 3,
                      "multiple memories need the multi-memory feature"));
}

TEST(ValidatorTest, TableMinAboveMax) {
  ModuleBuilder B;
  uint64_t C = B.section(SecTable, vec({{FuncRef, 0x01, 0x03, 0x02}}));
  EXPECT_TRUE(failsAt(decodeAndValidate(B.bytes()), C + 1,
                      "size minimum must not be greater than maximum (3 > 2)"));
}

//===----------------------------------------------------------------------===//
// Constant expressions
//===----------------------------------------------------------------------===//

/// A module with a global section holding Globals (after Imports, if any).
Bytes globals(const Bytes &Globals, const Bytes &Imports = {}) {
  ModuleBuilder B;
  if (!Imports.empty())
    B.section(SecImport, Imports);
  B.section(SecGlobal, Globals);
  return B.bytes();
}

TEST(ValidatorTest, ConstExprValid) {
  EXPECT_TRUE(succeeds(decodeAndValidate(
      globals(vec({{I32, 0x00, I32Const, 0x7f, End},
                   {I64, 0x01, I64Const, 0x00, End},
                   {FuncRef, 0x00, RefNull, FuncRef, End}})))));
}

TEST(ValidatorTest, ConstExprNotConstant) {
  // Global 0 starts at +1: type, mutability, then the expression at +3.
  // i32.add is constant (extended constant expressions), i32.and is not.
  ModuleBuilder B;
  uint64_t C = B.section(
      SecGlobal, vec({{I32, 0x00, I32Const, 1, I32Const, 2, I32And, End}}));
  EXPECT_TRUE(failsAt(decodeAndValidate(B.bytes()), C + 7,
                      "constant expression required: i32.and is not "
                      "constant"));
}

TEST(ValidatorTest, ConstExprExtended) {
  ModuleBuilder B;
  B.section(SecGlobal,
            vec({{I32, 0x00, I32Const, 1, I32Const, 2, I32Add, End}}));
  EXPECT_TRUE(succeeds(decodeAndValidate(B.bytes())));
}

TEST(ValidatorTest, ConstExprExtendedOperandType) {
  ModuleBuilder B;
  uint64_t C = B.section(
      SecGlobal, vec({{I32, 0x00, I64Const, 1, I32Const, 2, I32Add, End}}));
  EXPECT_TRUE(failsAt(decodeAndValidate(B.bytes()), C + 7,
                      "type mismatch: i32.add in a constant expression "
                      "needs two i32 operands"));
}

TEST(ValidatorTest, ConstExprWrongType) {
  ModuleBuilder B;
  uint64_t C = B.section(SecGlobal, vec({{I32, 0x00, I64Const, 0, End}}));
  EXPECT_TRUE(failsAt(decodeAndValidate(B.bytes()), C + 3,
                      "type mismatch: constant expression must produce one "
                      "i32"));
}

TEST(ValidatorTest, ConstExprTwoValues) {
  ModuleBuilder B;
  uint64_t C =
      B.section(SecGlobal, vec({{I32, 0x00, I32Const, 0, I32Const, 0, End}}));
  EXPECT_TRUE(failsAt(decodeAndValidate(B.bytes()), C + 3,
                      "constant expression must produce one i32"));
}

TEST(ValidatorTest, ConstExprEmpty) {
  ModuleBuilder B;
  uint64_t C = B.section(SecGlobal, vec({{I32, 0x00, End}}));
  EXPECT_TRUE(failsAt(decodeAndValidate(B.bytes()), C + 3,
                      "constant expression must produce one i32"));
}

// WebAssembly 3.0: an initialiser reads the globals before it; 2.0 only
// imported ones.
TEST(ValidatorTest, ConstExprGlobalGetOfDefinedGlobal) {
  ModuleBuilder B;
  uint64_t C = B.section(SecGlobal, vec({{I32, 0x00, I32Const, 0, End},
                                         {I32, 0x00, GlobalGet, 0, End}}));
  EXPECT_TRUE(succeeds(decodeAndValidate(B.bytes())));
  EXPECT_TRUE(failsAt(decodeAndValidate(B.bytes(), FeatureSet::wasm2()), C + 9,
                      "unknown global 0"));
}

TEST(ValidatorTest, ConstExprGlobalGetOfItselfOrLater) {
  ModuleBuilder B;
  uint64_t C = B.section(SecGlobal, vec({{I32, 0x00, GlobalGet, 0, End},
                                         {I32, 0x00, I32Const, 0, End}}));
  EXPECT_TRUE(failsAt(decodeAndValidate(B.bytes()), C + 4,
                      "unknown global 0: a constant expression may only read "
                      "the globals before it"));
}

TEST(ValidatorTest, ConstExprGlobalGetOfImport) {
  Bytes Import = vec({cat({name("m"), name("g"), {0x03, I32, 0x00}})});
  EXPECT_TRUE(succeeds(decodeAndValidate(
      globals(vec({{I32, 0x00, GlobalGet, 0, End}}), Import))));
}

TEST(ValidatorTest, ConstExprGlobalGetOfMutableImport) {
  Bytes Import = vec({cat({name("m"), name("g"), {0x03, I32, 0x01}})});
  Bytes B = globals(vec({{I32, 0x00, GlobalGet, 0, End}}), Import);
  // The global section's contents are the last 6 bytes.
  EXPECT_TRUE(failsAt(decodeAndValidate(B), B.size() - 6 + 3,
                      "constant expression required: global.get of a "
                      "mutable global"));
}

TEST(ValidatorTest, DataOffsetType) {
  ModuleBuilder B;
  B.section(SecMemory, vec({{0x00, 0x01}}));
  uint64_t C =
      B.section(SecData, vec({cat({{0x00, I64Const, 0, End}, name("x")})}));
  EXPECT_TRUE(failsAt(decodeAndValidate(B.bytes()), C + 2,
                      "constant expression must produce one i32"));
}

TEST(ValidatorTest, DataUnknownMemory) {
  ModuleBuilder B;
  uint64_t C =
      B.section(SecData, vec({cat({{0x00, I32Const, 0, End}, name("x")})}));
  EXPECT_TRUE(failsAt(decodeAndValidate(B.bytes()), C + 1, "unknown memory 0"));
}

} // namespace
