//===- WastScript.cpp - Spec test scripts as wast2json writes them --------===//

#include "wast/WastScript.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

using namespace llvm;

namespace w2n {

static WastCommand::Kind kindOf(StringRef Type) {
  return StringSwitch<WastCommand::Kind>(Type)
      .Case("module", WastCommand::Module)
      .Case("register", WastCommand::Register)
      .Case("action", WastCommand::Action)
      .Case("assert_return", WastCommand::AssertReturn)
      .Case("assert_trap", WastCommand::AssertTrap)
      .Case("assert_exhaustion", WastCommand::AssertExhaustion)
      .Case("assert_malformed", WastCommand::AssertMalformed)
      .Case("assert_invalid", WastCommand::AssertInvalid)
      .Case("assert_unlinkable", WastCommand::AssertUnlinkable)
      .Case("assert_uninstantiable", WastCommand::AssertUninstantiable)
      .Case("assert_exception", WastCommand::AssertException)
      .Default(WastCommand::Unknown);
}

Expected<WastScript> readWastJson(StringRef JsonPath) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(JsonPath);
  if (!Buf)
    return createFileError(JsonPath, errorCodeToError(Buf.getError()));
  Expected<json::Value> Root = json::parse((*Buf)->getBuffer());
  if (!Root)
    return createFileError(JsonPath, Root.takeError());
  const json::Object *Obj = Root->getAsObject();
  const json::Array *Cmds = Obj ? Obj->getArray("commands") : nullptr;
  if (!Cmds)
    return createFileError(
        JsonPath,
        createStringError(inconvertibleErrorCode(), "no \"commands\" array"));
  StringRef Dir = sys::path::parent_path(JsonPath);
  WastScript Script;
  if (std::optional<StringRef> Src = Obj->getString("source_filename"))
    Script.WastPath = Src->str();
  for (const json::Value &V : *Cmds) {
    const json::Object *C = V.getAsObject();
    if (!C)
      continue;
    WastCommand Cmd;
    Cmd.TypeName = C->getString("type").value_or("").str();
    Cmd.K = kindOf(Cmd.TypeName);
    Cmd.Line = C->getInteger("line").value_or(0);
    if (std::optional<StringRef> F = C->getString("filename")) {
      SmallString<256> P(Dir);
      sys::path::append(P, *F);
      Cmd.ModulePath = std::string(P);
    }
    Cmd.IsBinary = C->getString("module_type").value_or("binary") != "text";
    Cmd.ModuleName = C->getString("name").value_or("").str();
    Cmd.RegisterAs = C->getString("as").value_or("").str();
    Cmd.Text = C->getString("text").value_or("").str();
    if (const json::Value *A = C->get("action"))
      Cmd.ActionJson = *A;
    if (const json::Value *E = C->get("expected"))
      Cmd.ExpectedJson = *E;
    Script.Commands.push_back(std::move(Cmd));
  }
  return Script;
}

Expected<std::string> convertWast(StringRef WastPath, StringRef WorkDir,
                                  StringRef Wast2Json,
                                  ArrayRef<std::string> Flags) {
  SmallString<256> JsonPath(WorkDir);
  sys::path::append(JsonPath, sys::path::stem(WastPath) + ".json");
  SmallString<256> ErrPath(WorkDir);
  sys::path::append(ErrPath, "wast2json.stderr");

  // The compiler implements extended constant expressions, which wabt
  // 1.0.32 only parses when asked; scripts may use them without a flag.
  std::vector<StringRef> Args = {Wast2Json, "--enable-extended-const"};
  for (const std::string &F : Flags)
    Args.push_back(F);
  Args.push_back(WastPath);
  Args.push_back("-o");
  Args.push_back(JsonPath);
  std::optional<StringRef> Redirects[] = {std::nullopt, std::nullopt,
                                          StringRef(ErrPath)};
  std::string ExecError;
  int RC =
      sys::ExecuteAndWait(Wast2Json, Args, std::nullopt, Redirects,
                          /*SecondsToWait=*/0, /*MemoryLimit=*/0, &ExecError);
  if (RC != 0) {
    std::string Detail = ExecError;
    if (auto ErrBuf = MemoryBuffer::getFile(ErrPath))
      Detail += (*ErrBuf)->getBuffer().take_front(2000).str();
    return createStringError(
        inconvertibleErrorCode(), "%s failed on %s (exit %d): %s",
        Wast2Json.str().c_str(), WastPath.str().c_str(), RC, Detail.c_str());
  }
  return std::string(JsonPath);
}

Expected<WastScript> loadWastScript(StringRef WastPath, StringRef WorkDir,
                                    StringRef Wast2Json,
                                    ArrayRef<std::string> Flags) {
  Expected<std::string> JsonPath =
      convertWast(WastPath, WorkDir, Wast2Json, Flags);
  if (!JsonPath)
    return JsonPath.takeError();
  Expected<WastScript> Script = readWastJson(*JsonPath);
  if (Script)
    Script->WastPath = WastPath.str();
  return Script;
}

} // namespace w2n
