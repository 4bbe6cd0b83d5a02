//===- SpecScript.cpp - Scripts converted by the reference interpreter ----===//

#include "wast/SpecScript.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

using namespace llvm;

namespace w2n {

// json::Value refers to a StringRef's characters without copying them, and
// the S-expressions are gone before the list is written: every string taken
// from them goes in as a std::string (.str()).

namespace {

Error errorAt(const SExpr &N, const Twine &Message) {
  return make_error<ScriptError>(N.Offset, Message.str());
}

std::string withoutUnderscores(StringRef S) {
  std::string Out;
  Out.reserve(S.size());
  for (char C : S)
    if (C != '_')
      Out += C;
  return Out;
}

/// The bits of the integer literal S (decimal or 0x hex, with an optional
/// sign and `_` separators) as a Bits-wide value, if it fits as signed or
/// unsigned.
std::optional<uint64_t> parseIntLiteral(StringRef Text, unsigned Bits) {
  std::string S = withoutUnderscores(Text);
  StringRef R(S);
  bool Negative = R.consume_front("-");
  if (!Negative)
    R.consume_front("+");
  unsigned Radix = R.consume_front("0x") ? 16 : 10;
  if (R.empty())
    return std::nullopt;
  uint64_t V = 0;
  if (R.getAsInteger(Radix, V))
    return std::nullopt;
  uint64_t Max = Bits == 64 ? ~uint64_t(0) : (uint64_t(1) << Bits) - 1;
  if (!Negative)
    return V <= Max ? std::optional<uint64_t>(V) : std::nullopt;
  if (V > (uint64_t(1) << (Bits - 1)))
    return std::nullopt;
  return (uint64_t(0) - V) & Max;
}

/// The JSON value of the float literal S of Bits (32 or 64) bits: the
/// decimal string of its bits, or a NaN pattern.
std::optional<std::string> parseFloatLiteral(StringRef Text, unsigned Bits) {
  if (Text == "nan:canonical" || Text == "nan:arithmetic")
    return Text.str();
  std::string S = withoutUnderscores(Text);
  StringRef R(S);
  bool Negative = R.consume_front("-");
  if (!Negative)
    R.consume_front("+");
  unsigned MantBits = Bits == 32 ? 23 : 52;
  uint64_t Sign = Negative ? uint64_t(1) << (Bits - 1) : 0;
  uint64_t ExpMask = Bits == 32 ? 0x7f800000ull : 0x7ff0000000000000ull;
  if (R == "inf")
    return std::to_string(Sign | ExpMask);
  if (R == "nan")
    return std::to_string(Sign | ExpMask | (uint64_t(1) << (MantBits - 1)));
  if (R.consume_front("nan:0x")) {
    uint64_t Payload = 0;
    if (R.getAsInteger(16, Payload) || Payload == 0 ||
        Payload >= (uint64_t(1) << MantBits))
      return std::nullopt;
    return std::to_string(Sign | ExpMask | Payload);
  }
  if (R.empty() || !(std::isdigit((unsigned char)R.front())))
    return std::nullopt;
  // strtof/strtod round correctly, and hex literals of the interpreter
  // are exact.
  std::string Literal = (Negative ? "-" : "") + R.str();
  char *End = nullptr;
  errno = 0;
  if (Bits == 32) {
    float F = std::strtof(Literal.c_str(), &End);
    if (*End || std::isinf(F))
      return std::nullopt;
    uint32_t B;
    std::memcpy(&B, &F, 4);
    return std::to_string(B);
  }
  double D = std::strtod(Literal.c_str(), &End);
  if (*End || std::isinf(D))
    return std::nullopt;
  uint64_t B;
  std::memcpy(&B, &D, 8);
  return std::to_string(B);
}

/// The JSON type of a reference to heap type HT (as `ref.null` names it).
std::optional<StringRef> refTypeOf(StringRef HT) {
  return StringSwitch<std::optional<StringRef>>(HT)
      .Case("func", StringRef("funcref"))
      .Case("extern", StringRef("externref"))
      .Case("any", StringRef("anyref"))
      .Case("eq", StringRef("eqref"))
      .Case("i31", StringRef("i31ref"))
      .Case("struct", StringRef("structref"))
      .Case("array", StringRef("arrayref"))
      .Case("exn", StringRef("exnref"))
      .Case("none", StringRef("nullref"))
      .Case("nofunc", StringRef("nullfuncref"))
      .Case("noextern", StringRef("nullexternref"))
      .Case("noexn", StringRef("nullexnref"))
      .Default(std::nullopt);
}

/// The lane type and count of a v128 shape.
bool v128Shape(StringRef Shape, StringRef &Lane, unsigned &Count) {
  auto [L, N] = Shape.split('x');
  if (N.getAsInteger(10, Count))
    return false;
  Lane = L;
  return (L == "i8" && Count == 16) || (L == "i16" && Count == 8) ||
         ((L == "i32" || L == "f32") && Count == 4) ||
         ((L == "i64" || L == "f64") && Count == 2);
}

/// Maps byte offsets to 1-based lines.
class LineTable {
public:
  explicit LineTable(StringRef Text) {
    Starts.push_back(0);
    for (size_t I = 0; I < Text.size(); ++I)
      if (Text[I] == '\n')
        Starts.push_back(I + 1);
  }
  unsigned lineOf(uint64_t Offset) const {
    return std::upper_bound(Starts.begin(), Starts.end(), Offset) -
           Starts.begin();
  }

private:
  std::vector<uint64_t> Starts;
};

/// How many commands of the list the original command C gives: one, or
/// none for a malformed text module (`module quote`), which `wasm -d`
/// drops. (A plain module becomes a definition and an instance there, but
/// the list makes them one again: instantiatesAtOnce.)
unsigned listedCount(const SExpr &C) {
  auto IsQuote = [](const SExpr &M) {
    for (const SExpr &I : M.Items)
      if (I.isAtom("quote"))
        return true;
    return false;
  };
  if ((C.isListOf("assert_malformed") || C.isListOf("assert_invalid")) &&
      C.Items.size() > 1 && C.Items[1].isListOf("module") &&
      IsQuote(C.Items[1]))
    return 0;
  return 1;
}

class Translator {
public:
  Translator(StringRef Converted, StringRef Stem, StringRef ModuleDir)
      : ConvertedLines(Converted), Stem(Stem), ModuleDir(ModuleDir) {}

  Error run(const std::vector<SExpr> &Commands,
            const std::vector<unsigned> &OriginalLines);
  json::Array takeCommands() { return std::move(Out); }

private:
  /// Writes the binary module M (`(module [definition] [$id] binary
  /// "..."...)`) to a new file; returns its name, and its $id in Id.
  Expected<std::string> writeModule(const SExpr &M, std::string &Id);
  Expected<json::Value> action(const SExpr &A);
  /// The definition an instance command names (or the last one).
  Expected<std::string> instanceSource(const SExpr &I, std::string &Name);
  Error command(const SExpr &C, json::Object &J);
  /// For assert_unlinkable and assert_trap of a module: the module file.
  Error instantiationAssertion(const SExpr &C, json::Object &J, StringRef Type);

  LineTable ConvertedLines;
  std::string Stem;
  std::string ModuleDir;
  unsigned NextModule = 0;
  StringMap<std::string> Definitions; ///< $id -> module file
  std::string LastDefinition;
  json::Array Out;
};

Expected<std::string> Translator::writeModule(const SExpr &M, std::string &Id) {
  size_t I = 1;
  if (I < M.Items.size() && M.Items[I].isAtom("definition"))
    ++I;
  if (I < M.Items.size() && M.Items[I].isAtom() &&
      StringRef(M.Items[I].Text).starts_with("$"))
    Id = M.Items[I++].Text;
  if (I >= M.Items.size() || !M.Items[I].isAtom("binary"))
    return errorAt(M, "expected a binary module (`wasm -d` output)");
  std::string Bytes;
  for (++I; I < M.Items.size(); ++I) {
    if (!M.Items[I].isString())
      return errorAt(M.Items[I], "expected a string of module bytes");
    Bytes += M.Items[I].Text;
  }
  std::string Name = (Stem + "." + Twine(NextModule++) + ".wasm").str();
  SmallString<256> Path(ModuleDir);
  sys::path::append(Path, Name);
  std::error_code EC;
  raw_fd_ostream OS(Path, EC);
  if (EC)
    return createFileError(Path, EC);
  OS << Bytes;
  OS.close();
  if (OS.has_error())
    return createFileError(Path, OS.error());
  return Name;
}

Expected<json::Value> Translator::action(const SExpr &A) {
  bool Invoke = A.isListOf("invoke");
  if (!Invoke && !A.isListOf("get"))
    return errorAt(A, "expected an action (invoke or get)");
  json::Object J{{"type", Invoke ? "invoke" : "get"}};
  size_t I = 1;
  if (I < A.Items.size() && A.Items[I].isAtom() &&
      StringRef(A.Items[I].Text).starts_with("$"))
    J["module"] = A.Items[I++].Text;
  if (I >= A.Items.size() || !A.Items[I].isString())
    return errorAt(A, "expected the export's name");
  J["field"] = A.Items[I++].Text;
  if (Invoke) {
    json::Array Args;
    for (; I < A.Items.size(); ++I) {
      Expected<json::Value> V = translateScriptValue(A.Items[I]);
      if (!V)
        return V.takeError();
      Args.push_back(std::move(*V));
    }
    J["args"] = std::move(Args);
  } else if (I != A.Items.size()) {
    return errorAt(A, "unexpected operands of get");
  }
  return json::Value(std::move(J));
}

Expected<std::string> Translator::instanceSource(const SExpr &I,
                                                 std::string &Name) {
  // (module instance), (module instance $def), (module instance $i $def)
  std::vector<std::string> Vars;
  for (size_t K = 2; K < I.Items.size(); ++K) {
    if (!I.Items[K].isAtom() || !StringRef(I.Items[K].Text).starts_with("$"))
      return errorAt(I.Items[K], "expected a module name");
    Vars.push_back(I.Items[K].Text);
  }
  if (Vars.size() > 2)
    return errorAt(I, "too many names in module instance");
  if (Vars.size() == 2)
    Name = Vars[0];
  if (Vars.empty()) {
    if (LastDefinition.empty())
      return errorAt(I, "no module definition to instantiate");
    return LastDefinition;
  }
  auto It = Definitions.find(Vars.back());
  if (It == Definitions.end())
    return errorAt(I, "unknown module " + Vars.back());
  return It->second;
}

Error Translator::instantiationAssertion(const SExpr &C, json::Object &J,
                                         StringRef Type) {
  const SExpr &M = C.Items[1];
  if (!M.isListOf("module") || M.Items.size() < 2 ||
      !M.Items[1].isAtom("instance"))
    return errorAt(M, "expected (module instance ...)");
  std::string Name;
  Expected<std::string> File = instanceSource(M, Name);
  if (!File)
    return File.takeError();
  if (C.Items.size() != 3 || !C.Items[2].isString())
    return errorAt(C, "expected the failure's text");
  J["type"] = Type;
  J["filename"] = *File;
  J["module_type"] = "binary";
  J["text"] = C.Items[2].Text;
  return Error::success();
}

Error Translator::command(const SExpr &C, json::Object &J) {
  if (!C.isList() || C.Items.empty() || !C.Items[0].isAtom())
    return errorAt(C, "expected a command");
  StringRef Head = C.Items[0].Text;
  if (Head == "module") {
    if (C.Items.size() > 1 && C.Items[1].isAtom("instance")) {
      std::string Name;
      Expected<std::string> File = instanceSource(C, Name);
      if (!File)
        return File.takeError();
      J["type"] = "module";
      J["filename"] = *File;
      J["module_type"] = "binary";
      if (!Name.empty())
        J["name"] = Name;
      return Error::success();
    }
    if (C.Items.size() < 2 || !C.Items[1].isAtom("definition"))
      return errorAt(C, "expected a module definition or instance");
    std::string Id;
    Expected<std::string> File = writeModule(C, Id);
    if (!File)
      return File.takeError();
    LastDefinition = *File;
    if (!Id.empty())
      Definitions[Id] = *File;
    J["type"] = "module_definition";
    J["filename"] = *File;
    J["module_type"] = "binary";
    if (!Id.empty())
      J["name"] = Id;
    return Error::success();
  }
  if (Head == "register") {
    if (C.Items.size() < 2 || C.Items.size() > 3 || !C.Items[1].isString())
      return errorAt(C, "expected (register \"NAME\" $module?)");
    J["type"] = "register";
    J["as"] = C.Items[1].Text;
    if (C.Items.size() == 3)
      J["name"] = C.Items[2].Text;
    return Error::success();
  }
  if (Head == "invoke" || Head == "get") {
    Expected<json::Value> A = action(C);
    if (!A)
      return A.takeError();
    J["type"] = "action";
    J["action"] = std::move(*A);
    return Error::success();
  }
  if (C.Items.size() < 2)
    return errorAt(C, "expected the operands of " + Head);
  if (Head == "assert_malformed" || Head == "assert_invalid") {
    if (C.Items.size() != 3 || !C.Items[1].isListOf("module") ||
        !C.Items[2].isString())
      return errorAt(C, "expected (" + Head + " (module ...) \"TEXT\")");
    std::string Id;
    Expected<std::string> File = writeModule(C.Items[1], Id);
    if (!File)
      return File.takeError();
    J["type"] = Head.str();
    J["filename"] = *File;
    J["module_type"] = "binary";
    J["text"] = C.Items[2].Text;
    return Error::success();
  }
  if (Head == "assert_unlinkable")
    return instantiationAssertion(C, J, "assert_unlinkable");
  if (Head == "assert_trap" && C.Items[1].isListOf("module"))
    return instantiationAssertion(C, J, "assert_uninstantiable");
  if (Head == "assert_return" || Head == "assert_trap" ||
      Head == "assert_exhaustion" || Head == "assert_exception") {
    Expected<json::Value> A = action(C.Items[1]);
    if (!A)
      return A.takeError();
    J["type"] = Head.str();
    J["action"] = std::move(*A);
    if (Head == "assert_return") {
      json::Array Expected;
      for (size_t I = 2; I < C.Items.size(); ++I) {
        llvm::Expected<json::Value> V = translateScriptValue(C.Items[I]);
        if (!V)
          return V.takeError();
        Expected.push_back(std::move(*V));
      }
      J["expected"] = std::move(Expected);
    } else if (Head != "assert_exception") {
      if (C.Items.size() != 3 || !C.Items[2].isString())
        return errorAt(C, "expected the failure's text");
      J["text"] = C.Items[2].Text;
    } else if (C.Items.size() != 2) {
      return errorAt(C, "unexpected operands of assert_exception");
    }
    return Error::success();
  }
  return errorAt(C, "unknown command " + Head);
}

/// Whether Next instantiates the definition Def right away, as the
/// interpreter writes a plain `(module $M? ...)` of the original script
/// (`(module instance $M $M)` or `(module instance)`) or an assertion about
/// one (`(assert_unlinkable (module instance) ...)`). The two are then one
/// command of the list, as they were one of the script.
static bool instantiatesAtOnce(const SExpr &Def, const SExpr &Next) {
  std::string Id;
  if (Def.Items.size() > 2 && Def.Items[2].isAtom() &&
      StringRef(Def.Items[2].Text).starts_with("$"))
    Id = Def.Items[2].Text;
  const SExpr *Inst = &Next;
  if (Next.isListOf("assert_unlinkable") || Next.isListOf("assert_trap")) {
    if (Next.Items.size() < 2)
      return false;
    Inst = &Next.Items[1];
    if (Inst->isListOf("module") && Inst->Items.size() == 2 &&
        Inst->Items[1].isAtom("instance"))
      return true;
    return false;
  }
  if (!Inst->isListOf("module") || Inst->Items.size() < 2 ||
      !Inst->Items[1].isAtom("instance"))
    return false;
  if (Inst->Items.size() == 2)
    return true;
  return Inst->Items.size() == 4 && !Id.empty() && Inst->Items[2].isAtom(Id) &&
         Inst->Items[3].isAtom(Id);
}

Error Translator::run(const std::vector<SExpr> &Commands,
                      const std::vector<unsigned> &OriginalLines) {
  for (size_t I = 0; I < Commands.size(); ++I) {
    json::Object J;
    if (Error E = command(Commands[I], J))
      return E;
    const SExpr &C = Commands[I];
    if (C.isListOf("module") && C.Items.size() > 1 &&
        C.Items[1].isAtom("definition") && I + 1 < Commands.size() &&
        instantiatesAtOnce(C, Commands[I + 1]))
      continue;
    J["line"] = ConvertedLines.lineOf(C.Offset);
    Out.push_back(std::move(J));
  }
  // The original's lines, when its commands correspond to the list's.
  if (OriginalLines.size() == Out.size())
    for (size_t I = 0; I < Out.size(); ++I)
      (*Out[I].getAsObject())["line"] = OriginalLines[I];
  return Error::success();
}

} // namespace

Expected<json::Value> translateScriptValue(const SExpr &V) {
  if (!V.isList() || V.Items.empty() || !V.Items[0].isAtom())
    return errorAt(V, "expected a value");
  StringRef Head = V.Items[0].Text;
  auto Operand = [&](size_t I) -> const SExpr * {
    return I < V.Items.size() && V.Items[I].isAtom() ? &V.Items[I] : nullptr;
  };
  if (Head == "either") {
    json::Array Alternatives;
    for (size_t I = 1; I < V.Items.size(); ++I) {
      Expected<json::Value> A = translateScriptValue(V.Items[I]);
      if (!A)
        return A.takeError();
      Alternatives.push_back(std::move(*A));
    }
    return json::Object{{"type", "either"},
                        {"values", std::move(Alternatives)}};
  }
  if (Head == "i32.const" || Head == "i64.const") {
    const SExpr *N = Operand(1);
    unsigned Bits = Head == "i32.const" ? 32 : 64;
    std::optional<uint64_t> Value = N && V.Items.size() == 2
                                        ? parseIntLiteral(N->Text, Bits)
                                        : std::nullopt;
    if (!Value)
      return errorAt(V, "malformed " + Head);
    return json::Object{{"type", Head.take_front(3).str()},
                        {"value", std::to_string(*Value)}};
  }
  if (Head == "f32.const" || Head == "f64.const") {
    const SExpr *N = Operand(1);
    unsigned Bits = Head == "f32.const" ? 32 : 64;
    std::optional<std::string> Value = N && V.Items.size() == 2
                                           ? parseFloatLiteral(N->Text, Bits)
                                           : std::nullopt;
    if (!Value)
      return errorAt(V, "malformed " + Head);
    return json::Object{{"type", Head.take_front(3).str()}, {"value", *Value}};
  }
  if (Head == "v128.const") {
    const SExpr *Shape = Operand(1);
    StringRef Lane;
    unsigned Count = 0;
    if (!Shape || !v128Shape(Shape->Text, Lane, Count) ||
        V.Items.size() != 2 + Count)
      return errorAt(V, "malformed v128.const");
    unsigned Bits = Lane == "i8" ? 8 : Lane == "i16" ? 16 : 128 / Count;
    json::Array Lanes;
    for (unsigned I = 0; I < Count; ++I) {
      const SExpr *L = Operand(2 + I);
      if (!L)
        return errorAt(V, "malformed v128.const lane");
      if (Lane.front() == 'f') {
        std::optional<std::string> F = parseFloatLiteral(L->Text, Bits);
        if (!F)
          return errorAt(*L, "malformed v128.const lane");
        Lanes.push_back(*F);
      } else {
        std::optional<uint64_t> N = parseIntLiteral(L->Text, Bits);
        if (!N)
          return errorAt(*L, "malformed v128.const lane");
        Lanes.push_back(std::to_string(*N));
      }
    }
    return json::Object{{"type", "v128"},
                        {"lane_type", Lane.str()},
                        {"value", std::move(Lanes)}};
  }
  if (Head == "ref.null") {
    if (V.Items.size() == 1)
      return json::Object{{"type", "ref"}, {"value", "null"}};
    const SExpr *HT = Operand(1);
    std::optional<StringRef> Type =
        HT && V.Items.size() == 2 ? refTypeOf(HT->Text) : std::nullopt;
    if (!Type)
      return errorAt(V, "malformed ref.null");
    return json::Object{{"type", *Type}, {"value", "null"}};
  }
  // (ref.extern N), (ref.host N), or a pattern for any non-null reference
  // of a kind: (ref.func), (ref.extern), (ref.struct), ...
  std::optional<StringRef> Kind =
      StringSwitch<std::optional<StringRef>>(Head)
          .Case("ref.func", StringRef("funcref"))
          .Case("ref.extern", StringRef("externref"))
          .Case("ref.host", StringRef("hostref"))
          .Case("ref.any", StringRef("anyref"))
          .Case("ref.eq", StringRef("eqref"))
          .Case("ref.i31", StringRef("i31ref"))
          .Case("ref.struct", StringRef("structref"))
          .Case("ref.array", StringRef("arrayref"))
          .Case("ref.exn", StringRef("exnref"))
          .Default(std::nullopt);
  if (!Kind)
    return errorAt(V, "unknown value " + Head);
  json::Object J{{"type", *Kind}};
  if (V.Items.size() == 2) {
    const SExpr *N = Operand(1);
    std::optional<uint64_t> Value =
        N ? parseIntLiteral(N->Text, 64) : std::nullopt;
    if (!Value || (Head != "ref.extern" && Head != "ref.host"))
      return errorAt(V, "malformed " + Head);
    J["value"] = std::to_string(*Value);
  } else if (V.Items.size() != 1) {
    return errorAt(V, "malformed " + Head);
  }
  return json::Value(std::move(J));
}

Expected<json::Value> translateSpecScript(StringRef Converted,
                                          StringRef Original, StringRef Stem,
                                          StringRef ModuleDir) {
  Expected<std::vector<SExpr>> Commands = readSExprs(Converted);
  if (!Commands)
    return Commands.takeError();
  // The original script's lines, when its commands correspond to the
  // converted ones; a script our reader cannot read (the interpreter
  // could) keeps the converted lines.
  std::vector<unsigned> OriginalLines;
  if (!Original.empty()) {
    Expected<std::vector<SExpr>> Orig = readSExprs(Original);
    if (Orig) {
      LineTable Lines(Original);
      for (const SExpr &C : *Orig)
        OriginalLines.insert(OriginalLines.end(), listedCount(C),
                             Lines.lineOf(C.Offset));
    } else {
      consumeError(Orig.takeError());
    }
  }
  Translator T(Converted, Stem, ModuleDir);
  if (Error E = T.run(*Commands, OriginalLines))
    return std::move(E);
  return json::Object{{"commands", T.takeCommands()}};
}

Expected<std::string> convertWithSpecInterpreter(StringRef WastPath,
                                                 StringRef WorkDir,
                                                 StringRef Interpreter) {
  StringRef Stem = sys::path::stem(WastPath);
  SmallString<256> BinPath(WorkDir), ErrPath(WorkDir), JsonPath(WorkDir);
  sys::path::append(BinPath, Stem + ".bin.wast");
  sys::path::append(ErrPath, "interpreter.stderr");
  sys::path::append(JsonPath, Stem + ".json");
  StringRef Args[] = {Interpreter, "-d", WastPath, "-o", BinPath};
  std::optional<StringRef> Redirects[] = {std::nullopt, StringRef(ErrPath),
                                          StringRef(ErrPath)};
  std::string ExecError;
  int RC =
      sys::ExecuteAndWait(Interpreter, Args, std::nullopt, Redirects,
                          /*SecondsToWait=*/0, /*MemoryLimit=*/0, &ExecError);
  if (RC != 0) {
    std::string Detail = ExecError;
    if (auto ErrBuf = MemoryBuffer::getFile(ErrPath))
      Detail +=
          StringRef((*ErrBuf)->getBuffer()).take_front(2000).rtrim().str();
    return createStringError(inconvertibleErrorCode(),
                             "the reference interpreter cannot convert it "
                             "(exit %d): %s",
                             RC, Detail.c_str());
  }
  ErrorOr<std::unique_ptr<MemoryBuffer>> Bin = MemoryBuffer::getFile(BinPath);
  if (!Bin)
    return createFileError(BinPath, errorCodeToError(Bin.getError()));
  ErrorOr<std::unique_ptr<MemoryBuffer>> Orig = MemoryBuffer::getFile(WastPath);
  if (!Orig)
    return createFileError(WastPath, errorCodeToError(Orig.getError()));
  Expected<json::Value> List = translateSpecScript(
      (*Bin)->getBuffer(), (*Orig)->getBuffer(), Stem, WorkDir);
  if (!List)
    return createFileError(BinPath, List.takeError());
  json::Object &Obj = *List->getAsObject();
  Obj["source_filename"] = WastPath;
  std::error_code EC;
  raw_fd_ostream OS(JsonPath, EC);
  if (EC)
    return createFileError(JsonPath, EC);
  OS << *List << "\n";
  OS.close();
  if (OS.has_error())
    return createFileError(JsonPath, OS.error());
  return std::string(JsonPath);
}

} // namespace w2n
