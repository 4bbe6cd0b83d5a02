//===- ModuleReaderTest.cpp - Section decoding ----------------------------===//
///
/// \file
/// readModule() on small modules assembled byte by byte: what each section
/// decodes to, section order and sizes, the counts that must agree between
/// sections, and the custom `name` section (used when intact, ignored when
/// damaged). Error tests check the exact file offset and the message.
///
//===----------------------------------------------------------------------===//

#include "decode/ModuleReader.h"

#include "WasmBuilder.h"

#include "gtest/gtest.h"

using namespace llvm;
using namespace w2n;
using namespace w2n::test;

namespace {

std::unique_ptr<Module> read(const Bytes &B) {
  Expected<std::unique_ptr<Module>> M = readModule(B);
  if (!M) {
    ADD_FAILURE() << "readModule failed: " << toString(M.takeError());
    return nullptr;
  }
  return std::move(*M);
}

const Bytes Header{0x00, 'a', 's', 'm', 0x01, 0x00, 0x00, 0x00};

//===----------------------------------------------------------------------===//
// Preamble
//===----------------------------------------------------------------------===//

TEST(ModuleReaderTest, EmptyModule) {
  std::unique_ptr<Module> M = read(Header);
  ASSERT_TRUE(M);
  EXPECT_TRUE(M->Types.empty());
  EXPECT_TRUE(M->Functions.empty());
  EXPECT_FALSE(M->Start);
  EXPECT_FALSE(M->DataCount);
  EXPECT_EQ(M->Bytes, Header);
}

TEST(ModuleReaderTest, EmptyFile) {
  EXPECT_TRUE(failsAt(decode({}), 0, "unexpected end"));
}

TEST(ModuleReaderTest, BadMagic) {
  EXPECT_TRUE(failsAt(decode({0x00, 'a', 's', 'n', 0x01, 0x00, 0x00, 0x00}), 0,
                      "magic header not detected"));
  EXPECT_TRUE(failsAt(decode({'\x7f', 'E', 'L', 'F', 0x02, 0x01, 0x01, 0x00}),
                      0, "magic header not detected"));
}

TEST(ModuleReaderTest, BadVersion) {
  EXPECT_TRUE(failsAt(decode({0x00, 'a', 's', 'm', 0x02, 0x00, 0x00, 0x00}), 4,
                      "unknown binary version 2"));
  // The version is a fixed 4-byte integer, not LEB128.
  EXPECT_TRUE(failsAt(decode({0x00, 'a', 's', 'm', 0x81, 0x00, 0x00, 0x00}), 4,
                      "unknown binary version 129"));
}

TEST(ModuleReaderTest, TruncatedHeader) {
  EXPECT_TRUE(failsAt(decode({0x00, 'a', 's'}), 0, "unexpected end"));
  EXPECT_TRUE(
      failsAt(decode({0x00, 'a', 's', 'm', 0x01, 0x00}), 4, "unexpected end"));
}

//===----------------------------------------------------------------------===//
// Each section
//===----------------------------------------------------------------------===//

TEST(ModuleReaderTest, TypeSection) {
  ModuleBuilder B;
  B.section(SecType, vec({funcType({I32, I64}, {F32}), funcType({}, {}),
                          funcType({V128, FuncRef, ExternRef}, {F64, I32})}));
  std::unique_ptr<Module> M = read(B.bytes());
  ASSERT_TRUE(M);
  ASSERT_EQ(M->Types.size(), 3u);
  EXPECT_EQ(M->Types[0].Params.size(), 2u);
  EXPECT_EQ(M->Types[0].Params[1], ValType::I64);
  EXPECT_EQ(M->Types[0].Results.size(), 1u);
  EXPECT_EQ(M->Types[0].Results[0], ValType::F32);
  EXPECT_TRUE(M->Types[1].Params.empty());
  EXPECT_TRUE(M->Types[1].Results.empty());
  EXPECT_EQ(M->Types[2].Params[2], ValType::ExternRef);
  EXPECT_EQ(M->Types[2].Results[0], ValType::F64);
}

TEST(ModuleReaderTest, TypeSectionBadForm) {
  ModuleBuilder B;
  uint64_t C = B.section(SecType, vec({{0x61, 0x00, 0x00}}));
  EXPECT_TRUE(failsAt(decode(B.bytes()), C + 1, "malformed function type"));
}

TEST(ModuleReaderTest, TypeSectionBadValueType) {
  ModuleBuilder B;
  uint64_t C = B.section(SecType, vec({{0x60, 0x02, I32, 0x40, 0x00}}));
  EXPECT_TRUE(failsAt(decode(B.bytes()), C + 4, "malformed value type"));
}

TEST(ModuleReaderTest, ImportSection) {
  ModuleBuilder B;
  B.section(SecType, vec({funcType({}, {})}));
  uint64_t C =
      B.section(SecImport,
                vec({cat({name("env"), name("f"), {0x00, 0x00}}),
                     cat({name("env"), name("t"), {0x01, FuncRef, 0x00, 0x01}}),
                     cat({name("env"), name("mem"), {0x02, 0x01, 0x01, 0x02}}),
                     cat({name("env"), name("g"), {0x03, I64, 0x01}})}));
  std::unique_ptr<Module> M = read(B.bytes());
  ASSERT_TRUE(M);
  ASSERT_EQ(M->Imports.size(), 4u);
  const Import &F = M->Imports[0];
  EXPECT_EQ(F.ModuleName, "env");
  EXPECT_EQ(F.FieldName, "f");
  EXPECT_EQ(F.Kind, ExternKind::Func);
  EXPECT_EQ(F.FuncTypeIndex, 0u);
  EXPECT_EQ(F.Offset, C + 1);
  // Each import is 4 + 2 bytes of names plus its description.
  EXPECT_EQ(M->Imports[1].Offset, C + 1 + 8);
  EXPECT_EQ(M->Imports[1].Kind, ExternKind::Table);
  EXPECT_EQ(M->Imports[1].Table.Elem, ValType::FuncRef);
  EXPECT_EQ(M->Imports[1].Table.Lim.Min, 1u);
  EXPECT_FALSE(M->Imports[1].Table.Lim.Max);
  EXPECT_EQ(M->Imports[2].Kind, ExternKind::Memory);
  EXPECT_EQ(M->Imports[2].Memory.Lim.Min, 1u);
  EXPECT_EQ(M->Imports[2].Memory.Lim.Max, 2u);
  EXPECT_EQ(M->Imports[3].Kind, ExternKind::Global);
  EXPECT_EQ(M->Imports[3].Global.Type, ValType::I64);
  EXPECT_TRUE(M->Imports[3].Global.Mutable);
  EXPECT_EQ(M->numFuncs(), 1u);
  EXPECT_EQ(M->numTables(), 1u);
  EXPECT_EQ(M->numMemories(), 1u);
  EXPECT_EQ(M->numGlobals(), 1u);
  EXPECT_EQ(&M->importOf(ExternKind::Global, 0), &M->Imports[3]);
}

TEST(ModuleReaderTest, ImportSectionBadKind) {
  ModuleBuilder B;
  uint64_t C =
      B.section(SecImport, vec({cat({name("a"), name("b"), {0x04, 0x00}})}));
  EXPECT_TRUE(failsAt(decode(B.bytes()), C + 5, "malformed import kind"));
}

/// Decodes an import of a memory (kind 2) or table (kind 1, funcref) with
/// the given limits flags and checks the error at the flags' offset.
static bool importLimitsFailWith(uint8_t Kind, uint8_t Flags,
                                 const char *Message) {
  ModuleBuilder B;
  Bytes Desc = Kind == 0x01 ? Bytes{0x01, 0x70, Flags, 0x00, 0x00}
                            : Bytes{0x02, Flags, 0x00, 0x00};
  uint64_t C = B.section(SecImport, vec({cat({name("a"), name("b"), Desc})}));
  return failsAt(decode(B.bytes()), C + 6 + (Kind == 0x01 ? 1 : 0), Message);
}

TEST(ModuleReaderTest, ImportSectionBadLimitsFlags) {
  EXPECT_TRUE(importLimitsFailWith(0x02, 0x08, "malformed limits flags 0x08"));
  EXPECT_TRUE(importLimitsFailWith(0x01, 0x07, "malformed limits flags 0x07"));
  EXPECT_TRUE(importLimitsFailWith(0x01, 0x02, "malformed limits flags 0x02"));
  EXPECT_TRUE(importLimitsFailWith(0x01, 0x06, "malformed limits flags 0x06"));
}

// Flags of proposals the compiler does not implement name the feature: a
// shared memory is what wasm32-wasip1-threads toolchains emit.
TEST(ModuleReaderTest, ImportSectionUnsupportedLimitsFlags) {
  for (uint8_t Flags : {0x02, 0x03, 0x06, 0x07})
    EXPECT_TRUE(importLimitsFailWith(
        0x02, Flags, "shared memories (threads) are not supported"));
}

// memory64: flag 0x04 gives the i64 address type, and the limits are u64.
TEST(ModuleReaderTest, Memory64Limits) {
  ModuleBuilder B;
  B.section(SecMemory, vec({{0x05, 0x80, 0x80, 0x80, 0x80, 0x10, 0x81, 0x80,
                             0x80, 0x80, 0x10}}));
  Bytes Wasm = B.bytes();
  Expected<std::unique_ptr<Module>> M = readModule(Wasm);
  ASSERT_TRUE(bool(M)) << toString(M.takeError());
  ASSERT_EQ((*M)->Memories.size(), 1u);
  const Limits &L = (*M)->Memories[0].Type.Lim;
  EXPECT_TRUE(L.Is64);
  EXPECT_EQ(L.Min, uint64_t(1) << 32);
  EXPECT_EQ(L.Max, (uint64_t(1) << 32) + 1);
}

/// A module with every section: one import, two defined functions (one
/// with locals), a table, a memory, a global, exports, a start function,
/// element segments of four kinds, a data count and two data segments.
struct AllSections {
  Bytes Bytes;
  uint64_t Function, Table, Memory, Global, Export, Start, Element, Code, Data;
  std::vector<uint64_t> Bodies;
};

AllSections allSections() {
  ModuleBuilder B;
  AllSections S;
  B.section(SecType, vec({funcType({}, {}), funcType({I32}, {I32})}));
  B.section(SecImport, vec({cat({name("env"), name("f"), {0x00, 0x01}})}));
  S.Function = B.section(SecFunction, vec({uleb(0), uleb(1)}));
  S.Table = B.section(SecTable, vec({{FuncRef, 0x01, 0x01, 0x04}}));
  S.Memory = B.section(SecMemory, vec({{0x00, 0x01}}));
  S.Global = B.section(SecGlobal, vec({{I32, 0x01, 0x41, 0x2a, 0x0b}}));
  S.Export = B.section(SecExport, vec({cat({name("run"), {0x00, 0x01}}),
                                       cat({name("mem"), {0x02, 0x00}})}));
  S.Start = B.section(SecStart, uleb(1));
  S.Element =
      B.section(SecElement,
                vec({// Active, table 0, offset i32.const 0, function indices.
                     cat({{0x00, 0x41, 0x00, 0x0b}, vec({uleb(2)})}),
                     // Passive, elemkind 0, function indices.
                     cat({{0x01, 0x00}, vec({uleb(0), uleb(1)})}),
                     // Declarative, elemkind 0.
                     cat({{0x03, 0x00}, vec({uleb(1)})}),
                     // Passive with expressions: ref.null func, ref.func 2.
                     cat({{0x05, FuncRef},
                          vec({{0xd0, FuncRef, 0x0b}, {0xd2, 0x02, 0x0b}})})}));
  B.section(SecDataCount, uleb(2));
  S.Code = B.size() + 2;
  S.Bodies = B.code({{{0x00}, {0x0b}},
                     {vec({{0x02, I64}, {0x01, F32}}), {0x20, 0x00, 0x0b}}});
  S.Data = B.section(SecData, vec({cat({{0x00, 0x41, 0x10, 0x0b}, name("hi")}),
                                   cat({{0x01}, name("xyz")})}));
  B.section(SecCustom, cat({name("meta"), {1, 2, 3}}));
  S.Bytes = B.bytes();
  return S;
}

TEST(ModuleReaderTest, AllSections) {
  AllSections S = allSections();
  std::unique_ptr<Module> M = read(S.Bytes);
  ASSERT_TRUE(M);

  ASSERT_EQ(M->Functions.size(), 2u);
  EXPECT_EQ(M->numFuncs(), 3u);
  EXPECT_EQ(M->funcTypeIndex(0), 1u);
  EXPECT_EQ(M->funcTypeIndex(1), 0u);
  EXPECT_EQ(M->funcTypeIndex(2), 1u);
  EXPECT_EQ(M->Functions[0].DeclOffset, S.Function + 1);
  EXPECT_EQ(M->Functions[1].DeclOffset, S.Function + 2);

  ASSERT_EQ(M->Tables.size(), 1u);
  EXPECT_EQ(M->Tables[0].Offset, S.Table + 1);
  EXPECT_EQ(M->Tables[0].Type.Elem, ValType::FuncRef);
  EXPECT_EQ(M->Tables[0].Type.Lim.Min, 1u);
  EXPECT_EQ(M->Tables[0].Type.Lim.Max, 4u);

  ASSERT_EQ(M->Memories.size(), 1u);
  EXPECT_EQ(M->Memories[0].Offset, S.Memory + 1);
  EXPECT_EQ(M->Memories[0].Type.Lim.Min, 1u);
  EXPECT_FALSE(M->Memories[0].Type.Lim.Max);

  ASSERT_EQ(M->Globals.size(), 1u);
  EXPECT_EQ(M->Globals[0].Offset, S.Global + 1);
  EXPECT_EQ(M->Globals[0].Type.Type, ValType::I32);
  EXPECT_TRUE(M->Globals[0].Type.Mutable);
  EXPECT_EQ(M->Globals[0].Init.Offset, S.Global + 3);
  EXPECT_EQ(M->Globals[0].Init.Size, 3u); // i32.const 42, end

  ASSERT_EQ(M->Exports.size(), 2u);
  EXPECT_EQ(M->Exports[0].Name, "run");
  EXPECT_EQ(M->Exports[0].Kind, ExternKind::Func);
  EXPECT_EQ(M->Exports[0].Index, 1u);
  EXPECT_EQ(M->Exports[0].Offset, S.Export + 1);
  EXPECT_EQ(M->Exports[1].Name, "mem");
  EXPECT_EQ(M->Exports[1].Kind, ExternKind::Memory);
  EXPECT_EQ(M->Exports[1].Offset, S.Export + 7);

  EXPECT_EQ(M->Start, 1u);
  EXPECT_EQ(M->StartOffset, S.Start);

  ASSERT_EQ(M->Elems.size(), 4u);
  EXPECT_EQ(M->Elems[0].Offset, S.Element + 1);
  EXPECT_EQ(M->Elems[0].Mode, SegmentMode::Active);
  EXPECT_EQ(M->Elems[0].TableIndex, 0u);
  EXPECT_EQ(M->Elems[0].OffsetExpr.Offset, S.Element + 2);
  EXPECT_EQ(M->Elems[0].OffsetExpr.Size, 3u);
  EXPECT_EQ(M->Elems[0].FuncIndices, std::vector<uint32_t>{2});
  EXPECT_EQ(M->Elems[1].Mode, SegmentMode::Passive);
  EXPECT_EQ(M->Elems[1].FuncIndices, (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(M->Elems[2].Mode, SegmentMode::Declarative);
  EXPECT_EQ(M->Elems[3].Mode, SegmentMode::Passive);
  EXPECT_TRUE(M->Elems[3].UsesExprs);
  EXPECT_EQ(M->Elems[3].size(), 2u);

  EXPECT_EQ(M->DataCount, 2u);

  EXPECT_EQ(M->Functions[0].CodeOffset, S.Code + 1);
  EXPECT_EQ(M->Functions[0].Body.Offset, S.Bodies[0]);
  EXPECT_EQ(M->Functions[0].Body.Size, 1u);
  EXPECT_EQ(M->Functions[0].NumLocals, 0u);
  EXPECT_EQ(M->Functions[1].Body.Offset, S.Bodies[1]);
  EXPECT_EQ(M->Functions[1].Body.Size, 3u);
  EXPECT_EQ(M->Functions[1].NumLocals, 3u);
  ASSERT_EQ(M->Functions[1].Locals.size(), 2u);
  EXPECT_EQ(M->Functions[1].Locals[0].Count, 2u);
  EXPECT_EQ(M->Functions[1].Locals[0].Type, ValType::I64);
  EXPECT_EQ(M->Functions[1].Locals[1].Type, ValType::F32);

  ASSERT_EQ(M->Datas.size(), 2u);
  EXPECT_EQ(M->Datas[0].Mode, SegmentMode::Active);
  EXPECT_EQ(M->Datas[0].Offset, S.Data + 1);
  EXPECT_EQ(M->Datas[0].DataOffset, S.Data + 6);
  EXPECT_EQ(M->Datas[0].DataSize, 2u);
  EXPECT_EQ(M->Datas[1].Mode, SegmentMode::Passive);
  EXPECT_EQ(M->Datas[1].DataSize, 3u);
  EXPECT_EQ(M->bytes(M->Datas[1].DataOffset, 3),
            ArrayRef<uint8_t>({'x', 'y', 'z'}));

  ASSERT_EQ(M->CustomSections.size(), 1u);
  EXPECT_EQ(M->CustomSections[0].Name, "meta");
  EXPECT_EQ(M->CustomSections[0].Size, 3u);
  EXPECT_EQ(M->CustomSections[0].Offset, S.Bytes.size() - 3);
  EXPECT_TRUE(M->NameSectionError.empty());
}

TEST(ModuleReaderTest, AllSectionsValidate) {
  EXPECT_TRUE(succeeds(decodeAndValidate(allSections().Bytes)));
}

//===----------------------------------------------------------------------===//
// Section framing
//===----------------------------------------------------------------------===//

TEST(ModuleReaderTest, MalformedSectionId) {
  ModuleBuilder B;
  B.raw({13, 0x00});
  EXPECT_TRUE(failsAt(decode(B.bytes()), 8, "malformed section id"));
}

TEST(ModuleReaderTest, SectionsOutOfOrder) {
  ModuleBuilder B;
  B.section(SecFunction, vec({}));
  uint64_t Id = B.size();
  B.section(SecType, vec({}));
  EXPECT_TRUE(failsAt(decode(B.bytes()), Id,
                      "unexpected content after last section: type section "
                      "out of order"));
}

TEST(ModuleReaderTest, DataCountAfterCodeIsOutOfOrder) {
  // Id 12 sits between the element (9) and code (10) sections.
  ModuleBuilder B;
  B.section(SecCode, vec({}));
  uint64_t Id = B.size();
  B.section(SecDataCount, uleb(0));
  EXPECT_TRUE(
      failsAt(decode(B.bytes()), Id, "data count section out of order"));
}

TEST(ModuleReaderTest, DuplicateSection) {
  ModuleBuilder B;
  B.section(SecType, vec({}));
  B.section(SecCustom, name("between"));
  uint64_t Id = B.size();
  B.section(SecType, vec({}));
  EXPECT_TRUE(failsAt(decode(B.bytes()), Id, "duplicate type section"));
}

TEST(ModuleReaderTest, CustomSectionsAnywhere) {
  ModuleBuilder B;
  B.section(SecCustom, name("a"));
  B.section(SecType, vec({}));
  B.section(SecCustom, name("b"));
  B.section(SecCustom, name("b"));
  B.section(SecCode, vec({}));
  B.section(SecCustom, name("c"));
  std::unique_ptr<Module> M = read(B.bytes());
  ASSERT_TRUE(M);
  EXPECT_EQ(M->CustomSections.size(), 4u);
}

TEST(ModuleReaderTest, CustomSectionNameMustBeUTF8) {
  ModuleBuilder B;
  uint64_t C = B.section(SecCustom, {0x02, 0xc0, 0x80});
  EXPECT_TRUE(failsAt(decode(B.bytes()), C + 1, "malformed UTF-8 encoding"));
}

TEST(ModuleReaderTest, SectionLongerThanFile) {
  ModuleBuilder B;
  B.raw({SecType, 0x05, 0x00});
  EXPECT_TRUE(failsAt(decode(B.bytes()), 8,
                      "type section size 5 exceeds the 1 bytes left"));
}

TEST(ModuleReaderTest, SectionSizeLargerThanContents) {
  // The type section says 2 bytes but its vector ends after 1.
  ModuleBuilder B;
  uint64_t C = B.section(SecType, {0x00, 0x00});
  EXPECT_TRUE(failsAt(decode(B.bytes()), C + 1,
                      "section size mismatch: type section has 1 unused "
                      "bytes"));
}

TEST(ModuleReaderTest, SectionSizeSmallerThanContents) {
  // One function type declared, but the section ends after the count.
  ModuleBuilder B;
  uint64_t C = B.section(SecType, {0x01});
  B.raw(funcType({}, {}));
  EXPECT_TRUE(failsAt(decode(B.bytes()), C, "length out of bounds"));
}

TEST(ModuleReaderTest, TruncatedSectionSize) {
  ModuleBuilder B;
  B.raw({SecType, 0x80});
  EXPECT_TRUE(failsAt(decode(B.bytes()), 10, "unexpected end"));
}

TEST(ModuleReaderTest, FunctionBodyLongerThanSection) {
  ModuleBuilder B;
  B.section(SecType, vec({funcType({}, {})}));
  B.section(SecFunction, vec({uleb(0)}));
  uint64_t C = B.section(SecCode, {0x01, 0x05, 0x00, 0x0b});
  EXPECT_TRUE(failsAt(decode(B.bytes()), C + 2,
                      "unexpected end of section or function"));
}

//===----------------------------------------------------------------------===//
// Counts that must agree
//===----------------------------------------------------------------------===//

TEST(ModuleReaderTest, FunctionAndCodeCountsDiffer) {
  ModuleBuilder B;
  B.section(SecType, vec({funcType({}, {})}));
  B.section(SecFunction, vec({uleb(0), uleb(0)}));
  uint64_t C = B.section(SecCode, vec({{0x02, 0x00, 0x0b}}));
  EXPECT_TRUE(failsAt(decode(B.bytes()), C,
                      "function and code section have inconsistent lengths "
                      "(2 and 1)"));
}

TEST(ModuleReaderTest, CodeWithoutFunctionSection) {
  ModuleBuilder B;
  uint64_t C = B.section(SecCode, vec({{0x02, 0x00, 0x0b}}));
  EXPECT_TRUE(failsAt(decode(B.bytes()), C,
                      "function and code section have inconsistent lengths "
                      "(0 and 1)"));
}

TEST(ModuleReaderTest, FunctionWithoutCodeSection) {
  ModuleBuilder B;
  B.section(SecType, vec({funcType({}, {})}));
  B.section(SecFunction, vec({uleb(0)}));
  EXPECT_TRUE(failsAt(decode(B.bytes()), B.size(),
                      "function and code section have inconsistent lengths"));
}

TEST(ModuleReaderTest, DataCountDiffersFromDataSection) {
  ModuleBuilder B;
  B.section(SecMemory, vec({{0x00, 0x01}}));
  B.section(SecDataCount, uleb(2));
  B.section(SecData, vec({cat({{0x01}, name("x")})}));
  EXPECT_TRUE(failsAt(decode(B.bytes()), B.size(),
                      "data count and data section have inconsistent "
                      "lengths"));
}

TEST(ModuleReaderTest, DataCountWithoutDataSection) {
  ModuleBuilder B;
  B.section(SecDataCount, uleb(1));
  EXPECT_TRUE(failsAt(decode(B.bytes()), B.size(),
                      "data count and data section have inconsistent "
                      "lengths"));
}

TEST(ModuleReaderTest, DataCountZeroWithoutDataSection) {
  ModuleBuilder B;
  B.section(SecDataCount, uleb(0));
  EXPECT_TRUE(succeeds(decode(B.bytes())));
}

TEST(ModuleReaderTest, DataSegmentLongerThanSection) {
  ModuleBuilder B;
  uint64_t C = B.section(SecData, {0x01, 0x01, 0x09, 'a'});
  EXPECT_TRUE(failsAt(decode(B.bytes()), C + 2,
                      "unexpected end of section or function"));
}

//===----------------------------------------------------------------------===//
// The name section
//===----------------------------------------------------------------------===//

/// A module with two functions and a name section with Subsections.
Bytes withNames(const Bytes &Subsections) {
  ModuleBuilder B;
  B.section(SecType, vec({funcType({I32}, {})}));
  B.section(SecFunction, vec({uleb(0), uleb(0)}));
  B.code({{{0x00}, {0x0b}}, {{0x00}, {0x0b}}});
  B.section(SecCustom, cat({name("name"), Subsections}));
  return B.bytes();
}

Bytes subsection(uint8_t Id, const Bytes &Contents) {
  return cat({{Id}, uleb(Contents.size()), Contents});
}

TEST(NameSectionTest, Parsed) {
  Bytes Names = cat(
      {subsection(0, name("mod")),
       subsection(1, vec({cat({uleb(0), name("first")}),
                          cat({uleb(1), name("second")})})),
       subsection(2, vec({cat({uleb(1), vec({cat({uleb(0), name("x")})})})})),
       // Unknown subsections (here: label names) are skipped.
       subsection(3, {0x00})});
  std::unique_ptr<Module> M = read(withNames(Names));
  ASSERT_TRUE(M);
  EXPECT_TRUE(M->NameSectionError.empty()) << M->NameSectionError;
  EXPECT_EQ(M->DebugNames.ModuleName, "mod");
  ASSERT_EQ(M->DebugNames.Functions.size(), 2u);
  EXPECT_EQ(M->DebugNames.Functions.at(0), "first");
  EXPECT_EQ(M->DebugNames.Functions.at(1), "second");
  ASSERT_EQ(M->DebugNames.Locals.count(1), 1u);
  EXPECT_EQ(M->DebugNames.Locals.at(1).at(0), "x");
}

TEST(NameSectionTest, DamagedIsIgnored) {
  // The function names are not UTF-8: the module is still well-formed, and
  // none of the names are used, not even the intact module name.
  Bytes Names = cat({subsection(0, name("mod")),
                     subsection(1, vec({cat({uleb(0), {0x02, 0xc0, 0x80}})}))});
  std::unique_ptr<Module> M = read(withNames(Names));
  ASSERT_TRUE(M);
  EXPECT_FALSE(M->NameSectionError.empty());
  EXPECT_NE(M->NameSectionError.find("damaged name subsection 1"),
            std::string::npos)
      << M->NameSectionError;
  EXPECT_TRUE(M->DebugNames.ModuleName.empty());
  EXPECT_TRUE(M->DebugNames.Functions.empty());
  EXPECT_TRUE(succeeds(decodeAndValidate(withNames(Names))));
}

TEST(NameSectionTest, SubsectionLongerThanSection) {
  Bytes Names = {0x01, 0x10, 0x00};
  std::unique_ptr<Module> M = read(withNames(Names));
  ASSERT_TRUE(M);
  EXPECT_NE(M->NameSectionError.find("name subsection too long"),
            std::string::npos)
      << M->NameSectionError;
  EXPECT_TRUE(M->DebugNames.Functions.empty());
}

TEST(NameSectionTest, TrailingBytesInSubsection) {
  Bytes Names = subsection(0, cat({name("mod"), {0x00}}));
  std::unique_ptr<Module> M = read(withNames(Names));
  ASSERT_TRUE(M);
  EXPECT_NE(M->NameSectionError.find("damaged name subsection 0"),
            std::string::npos)
      << M->NameSectionError;
  EXPECT_TRUE(M->DebugNames.ModuleName.empty());
}

} // namespace
