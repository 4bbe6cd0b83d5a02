//===- SpecScriptTest.cpp - The reader of 3.0 spec scripts ----------------===//
///
/// \file
/// The S-expression reader (strings, escapes, comments, errors with
/// offsets, bounded nesting) and the translation of `wasm -d` scripts into
/// wast2json-style command lists: values (hex floats, NaN payloads, v128
/// lanes, references, `either`), module definitions and instances, and
/// line numbers taken from the original script.
///
//===----------------------------------------------------------------------===//

#include "wast/SpecScript.h"
#include "wast/SExpr.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include "gtest/gtest.h"

using namespace llvm;
using namespace w2n;

namespace {

SExpr readOne(StringRef Text) {
  Expected<std::vector<SExpr>> R = readSExprs(Text);
  if (!R) {
    ADD_FAILURE() << toString(R.takeError());
    return SExpr();
  }
  EXPECT_EQ(R->size(), 1u);
  return R->empty() ? SExpr() : R->front();
}

std::string errorOf(StringRef Text) {
  Expected<std::vector<SExpr>> R = readSExprs(Text, /*MaxDepth=*/8);
  if (R)
    return "no error";
  return toString(R.takeError());
}

/// The JSON of the script value Text, as a string.
std::string value(StringRef Text) {
  Expected<json::Value> V = translateScriptValue(readOne(Text));
  if (!V)
    return "error: " + toString(V.takeError());
  std::string S;
  raw_string_ostream OS(S);
  OS << *V;
  return S;
}

TEST(SExprTest, ListsAtomsStringsAndComments) {
  SExpr E =
      readOne("(a ;; line\n (; block (; nested ;) ;) (b \"x\\41\\u{e9}\\n\") "
              "$c)");
  ASSERT_TRUE(E.isList());
  ASSERT_EQ(E.Items.size(), 3u);
  EXPECT_TRUE(E.Items[0].isAtom("a"));
  EXPECT_TRUE(E.Items[1].isListOf("b"));
  EXPECT_TRUE(E.Items[1].Items[1].isString());
  EXPECT_EQ(E.Items[1].Items[1].Text, "xA\xc3\xa9\n");
  EXPECT_TRUE(E.Items[2].isAtom("$c"));
  EXPECT_EQ(E.Items[2].Offset, 56u);
}

TEST(SExprTest, LoneSemicolonIsAnAtom) {
  // Annotations' contents may hold a ';' that starts no comment.
  SExpr E = readOne("(@a ; b;c)");
  ASSERT_EQ(E.Items.size(), 4u);
  EXPECT_TRUE(E.Items[1].isAtom(";"));
  EXPECT_TRUE(E.Items[2].isAtom("b"));
  EXPECT_TRUE(E.Items[3].isAtom(";c"));
}

TEST(SExprTest, BytesOfBinaryModules) {
  SExpr E = readOne("(module binary \"\\00\\61\\73\\6d\" \"\\ff\")");
  ASSERT_EQ(E.Items.size(), 4u);
  EXPECT_EQ(E.Items[2].Text, std::string("\0asm", 4));
  EXPECT_EQ(E.Items[3].Text, "\xff");
}

TEST(SExprTest, ErrorsSayWhere) {
  EXPECT_EQ(errorOf("(a \"abc"), "0x3: unterminated string");
  EXPECT_EQ(errorOf("(a (b)"), "0x0: unclosed '('");
  EXPECT_EQ(errorOf("(a))"), "0x3: unexpected ')'");
  EXPECT_EQ(errorOf("(a \"\\q\")"), "0x4: unknown escape in string");
  EXPECT_EQ(errorOf("(a \"\\u{d800}\")"), "0x4: malformed \\u escape");
  EXPECT_EQ(errorOf("(; open"), "0x0: unterminated block comment");
  // Nesting is bounded (MaxDepth 8 here) and costs no native stack.
  EXPECT_EQ(errorOf("(((((((((x)))))))))"), "0x8: lists nested too deeply");
  std::string Deep(100000, '(');
  EXPECT_NE(errorOf(Deep), "no error");
}

TEST(SpecScriptTest, Numbers) {
  EXPECT_EQ(value("(i32.const 0xffff_ffff)"),
            R"({"type":"i32","value":"4294967295"})");
  EXPECT_EQ(value("(i32.const -0x1)"),
            R"({"type":"i32","value":"4294967295"})");
  EXPECT_EQ(value("(i64.const -9_223_372_036_854_775_808)"),
            R"({"type":"i64","value":"9223372036854775808"})");
  EXPECT_EQ(value("(i32.const 0x1_0000_0000)"),
            "error: 0x0: malformed i32.const");
  EXPECT_EQ(value("(f32.const 0x1.4p+2)"),
            R"({"type":"f32","value":"1084227584"})");
  EXPECT_EQ(value("(f32.const -0x0p+0)"),
            R"({"type":"f32","value":"2147483648"})");
  EXPECT_EQ(value("(f64.const -0x0.0000_0000_0000_1p-1022)"),
            R"({"type":"f64","value":"9223372036854775809"})");
  EXPECT_EQ(value("(f32.const -inf)"),
            R"({"type":"f32","value":"4286578688"})");
  EXPECT_EQ(value("(f32.const nan:0x50_0001)"),
            R"({"type":"f32","value":"2144337921"})");
  EXPECT_EQ(value("(f64.const -nan)"),
            R"({"type":"f64","value":"18444492273895866368"})");
  EXPECT_EQ(value("(f64.const nan:canonical)"),
            R"({"type":"f64","value":"nan:canonical"})");
  EXPECT_EQ(value("(f32.const 1.5)"), R"({"type":"f32","value":"1069547520"})");
  EXPECT_EQ(value("(f32.const nan:0x80_0000)"),
            "error: 0x0: malformed f32.const");
}

TEST(SpecScriptTest, VectorsReferencesAndAlternatives) {
  EXPECT_EQ(value("(v128.const i16x8 0x8000 0x7fff 0 1 2 3 4 -1)"),
            R"({"lane_type":"i16","type":"v128","value":["32768","32767",)"
            R"("0","1","2","3","4","65535"]})");
  EXPECT_EQ(value("(v128.const f32x4 nan:arithmetic 0x1p+0 -0x0p+0 inf)"),
            R"({"lane_type":"f32","type":"v128","value":["nan:arithmetic",)"
            R"("1065353216","2147483648","2139095040"]})");
  EXPECT_EQ(value("(v128.const i32x4 1 2 3)"),
            "error: 0x0: malformed v128.const");
  EXPECT_EQ(value("(ref.null func)"), R"({"type":"funcref","value":"null"})");
  EXPECT_EQ(value("(ref.null nofunc)"),
            R"({"type":"nullfuncref","value":"null"})");
  EXPECT_EQ(value("(ref.null)"), R"({"type":"ref","value":"null"})");
  EXPECT_EQ(value("(ref.extern 0x2a)"), R"({"type":"externref","value":"42"})");
  EXPECT_EQ(value("(ref.func)"), R"({"type":"funcref"})");
  EXPECT_EQ(value("(ref.struct)"), R"({"type":"structref"})");
  EXPECT_EQ(value("(either (i32.const 1) (i32.const 2))"),
            R"({"type":"either","values":[{"type":"i32","value":"1"},)"
            R"({"type":"i32","value":"2"}]})");
  EXPECT_EQ(value("(ref.null bogus)"), "error: 0x0: malformed ref.null");
}

class SpecScriptFiles : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(sys::fs::createUniqueDirectory("spec-script-test", Dir));
  }
  void TearDown() override { sys::fs::remove_directories(Dir); }
  std::string file(StringRef Name) {
    SmallString<128> P(Dir);
    sys::path::append(P, Name);
    auto B = MemoryBuffer::getFile(P);
    return B ? (*B)->getBuffer().str() : "missing";
  }
  SmallString<128> Dir;
};

TEST_F(SpecScriptFiles, DefinitionsInstancesAndLines) {
  // What `wasm -d` writes for the original script below it.
  StringRef Converted = R"((module definition $M binary "\00asm" "\01\00\00\00")
(module instance $M $M)
(register "m" $M)
(module definition binary "\00asm\01\00\00\00")
(assert_unlinkable (module instance) "unknown import")
(assert_return (invoke $M "f" (i32.const 0x1)) (i32.const 0x2))
(assert_trap (invoke "g") "unreachable")
(assert_invalid (module binary "\00asm") "type mismatch")
)";
  StringRef Original = R"((module $M (func))
(register "m" $M)
(assert_malformed (module quote "(func") "unexpected end")

(assert_unlinkable (module (import "x" "y" (func))) "unknown import")
(assert_return (invoke $M "f" (i32.const 1)) (i32.const 2))
(assert_trap (invoke "g") "unreachable")
(assert_invalid (module (func (result i32))) "type mismatch")
)";
  Expected<json::Value> List =
      translateSpecScript(Converted, Original, "s", Dir.str());
  ASSERT_TRUE(bool(List)) << toString(List.takeError());
  std::string S;
  raw_string_ostream OS(S);
  OS << *List->getAsObject()->get("commands");
  // A plain module and an assertion about one are one command each, as in
  // the original; the dropped `module quote` does not shift the lines.
  EXPECT_EQ(
      S,
      R"([{"filename":"s.0.wasm","line":1,"module_type":"binary","name":"$M",)"
      R"("type":"module"},)"
      R"({"as":"m","line":2,"name":"$M","type":"register"},)"
      R"({"filename":"s.1.wasm","line":5,"module_type":"binary",)"
      R"("text":"unknown import","type":"assert_unlinkable"},)"
      R"({"action":{"args":[{"type":"i32","value":"1"}],"field":"f",)"
      R"("module":"$M","type":"invoke"},"expected":[{"type":"i32",)"
      R"("value":"2"}],"line":6,"type":"assert_return"},)"
      R"({"action":{"args":[],"field":"g","type":"invoke"},"line":7,)"
      R"("text":"unreachable","type":"assert_trap"},)"
      R"({"filename":"s.2.wasm","line":8,"module_type":"binary",)"
      R"("text":"type mismatch","type":"assert_invalid"}])");
  EXPECT_EQ(file("s.0.wasm"), std::string("\0asm\1\0\0\0", 8));
  EXPECT_EQ(file("s.2.wasm"), std::string("\0asm", 4));
}

TEST_F(SpecScriptFiles, DefinitionInstantiatedTwice) {
  StringRef Converted = R"((module definition $D binary "\00asm\01\00\00\00")
(module instance $I1 $D)
(module instance $I2 $D)
(module instance)
)";
  Expected<json::Value> List =
      translateSpecScript(Converted, "", "s", Dir.str());
  ASSERT_TRUE(bool(List)) << toString(List.takeError());
  std::string S;
  raw_string_ostream OS(S);
  OS << *List->getAsObject()->get("commands");
  EXPECT_EQ(S, R"([{"filename":"s.0.wasm","line":1,"module_type":"binary",)"
               R"("name":"$D","type":"module_definition"},)"
               R"({"filename":"s.0.wasm","line":2,"module_type":"binary",)"
               R"("name":"$I1","type":"module"},)"
               R"({"filename":"s.0.wasm","line":3,"module_type":"binary",)"
               R"("name":"$I2","type":"module"},)"
               R"({"filename":"s.0.wasm","line":4,"module_type":"binary",)"
               R"("type":"module"}])");
}

TEST_F(SpecScriptFiles, UnmatchedOriginalKeepsConvertedLines) {
  StringRef Converted =
      "(module definition $d binary \"\")\n\n(module instance $i $d)\n"
      "(register \"x\")";
  Expected<json::Value> List =
      translateSpecScript(Converted, "(module)\n(module)", "s", Dir.str());
  ASSERT_TRUE(bool(List)) << toString(List.takeError());
  const json::Array *Cmds = List->getAsObject()->getArray("commands");
  ASSERT_EQ(Cmds->size(), 3u);
  EXPECT_EQ((*Cmds)[1].getAsObject()->getInteger("line"), 3);
  EXPECT_EQ((*Cmds)[2].getAsObject()->getInteger("line"), 4);
}

TEST_F(SpecScriptFiles, BadCommandsSayWhere) {
  auto Err = [&](StringRef Converted) {
    Expected<json::Value> L =
        translateSpecScript(Converted, "", "s", Dir.str());
    return L ? std::string("no error") : toString(L.takeError());
  };
  EXPECT_EQ(Err("(module instance)"),
            "0x0: no module definition to instantiate");
  EXPECT_EQ(Err("(module instance $x $y)"), "0x0: unknown module $y");
  EXPECT_EQ(Err("(frobnicate 1)"), "0x0: unknown command frobnicate");
  EXPECT_EQ(Err("(module definition (func))"),
            "0x0: expected a binary module (`wasm -d` output)");
  EXPECT_EQ(Err("\n(assert_return (invoke \"f\" (i32.const x)))"),
            "0x1c: malformed i32.const");
}

} // namespace
