//===- WastCommand.cpp - wasm2native wast ---------------------------------===//
///
/// \file
/// Runs spec test scripts the way `wasmtime wast` does, in two halves:
///
///  1. prepare (here, with the compiler): convert the script with the
///     spec's reference interpreter (`wasm -d`, lib/wast/SpecScript.h; the
///     default, for WebAssembly 3.0 and 2.0 scripts) or with wabt's
///     wast2json (`--converter=wast2json`, for the 2022 proposals' legacy
///     exceptions and threads), decode, validate and compile every binary
///     module (once, however often a 3.0 script instantiates it) to a
///     shared object, decide the commands only the compiler can check
///     (binary assert_malformed/assert_invalid), and write the prepared
///     command list (lib/spec-runner/SpecFormat.h);
///  2. run (w2nSpecRunner, runtime-support only): load and instantiate the
///     modules and check every command.
///
/// `wasm2native wast FILE...` does both in process, in a temporary
/// directory. `wasm2native wast --target TRIPLE --prepare DIR FILE...`
/// does only the first, into DIR, for `wasm2native-run --spec DIR/NAME.json`
/// on a device (docs/cross.md).
///
/// Output of a run: a `FILE: N passed, N failed` line per script followed
/// by one line per failure, then a last line `N passed, N failed`; exit
/// status 1 if anything failed.
///
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "Diagnostics.h"

#include "spec-runner/SpecFormat.h"
#include "spec-runner/SpecRunner.h"
#include "targets/TargetInfo.h"
#include "wast/SpecScript.h"
#include "wast/WastScript.h"

#include "decode/ModuleReader.h"
#include "validate/Validator.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace w2n {

namespace {

/// What preparing one script did.
struct PrepareStats {
  unsigned Modules = 0;     ///< compiled to shared objects
  unsigned HostChecked = 0; ///< commands decided here
  unsigned HostFailed = 0;  ///< of which failed (or modules that did not
                            ///< compile)
};

void setHostVerdict(json::Object &Cmd, bool Passed, const Twine &Message,
                    PrepareStats &Stats) {
  json::Object Verdict{{spec::HostPassedKey, Passed}};
  if (!Passed) {
    Verdict[spec::HostMessageKey] = Message.str();
    ++Stats.HostFailed;
  }
  ++Stats.HostChecked;
  Cmd[spec::HostKey] = std::move(Verdict);
}

/// The metadata of a prepared list: the format version and the flags the
/// modules were compiled with.
json::Object preparedMeta(const CodegenOptions &Opts) {
  // runWast checked the options first (checkCodegenOptions), so the target
  // resolves.
  TargetSettings S = cantFail(resolveTargetSettings(
      {Opts.Triple, Opts.CPU, Opts.Features, Opts.Bounds}));
  return json::Object{{"version", spec::FormatVersion},
                      {"target", S.Triple},
                      {"bounds_checks", boundsChecksName(S.Bounds)},
                      {"opt_level", int64_t(Opts.OptLevel)}};
}

/// The program that converts scripts, as runWast found it.
struct ConverterTool {
  WastOptions::Converter Kind;
  std::string Path;
};

/// Converts File into WorkDir with the chosen converter; returns the path
/// of the JSON command list.
Expected<std::string> convertScript(StringRef File, StringRef WorkDir,
                                    const ConverterTool &Tool,
                                    const WastOptions &Opts) {
  if (Tool.Kind == WastOptions::Converter::Interpreter)
    return convertWithSpecInterpreter(File, WorkDir, Tool.Path);
  return convertWast(File, WorkDir, Tool.Path, Opts.Wast2JsonFlags);
}

/// Prepares the script File: converts it into WorkDir, compiles its modules
/// into OutDir (as NAME.N.so, after the converter's NAME.N.wasm) and writes
/// OutDir/NAME.json. Returns the path of that list.
Expected<std::string> prepareScript(StringRef File, StringRef WorkDir,
                                    StringRef OutDir, const ConverterTool &Tool,
                                    const WastOptions &Opts,
                                    PrepareStats &Stats) {
  Expected<std::string> InPath = convertScript(File, WorkDir, Tool, Opts);
  if (!InPath)
    return InPath.takeError();
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(*InPath);
  if (!Buf)
    return createFileError(*InPath, errorCodeToError(Buf.getError()));
  Expected<json::Value> Root = json::parse((*Buf)->getBuffer());
  if (!Root)
    return createFileError(*InPath, Root.takeError());
  json::Object *Obj = Root->getAsObject();
  json::Array *Commands = Obj ? Obj->getArray("commands") : nullptr;
  if (!Commands)
    return createStringError(inconvertibleErrorCode(),
                             "%s: no \"commands\" array", InPath->c_str());

  CodegenOptions Codegen = Opts.Codegen;
  Codegen.Emit = EmitKind::SharedObject;
  // A module definition of a 3.0 script may be instantiated several times:
  // each file is compiled once. Empty message: compiled.
  StringMap<std::string> Compiled;
  auto Compile = [&](StringRef Name, StringRef WasmPath) -> StringRef {
    auto [It, New] = Compiled.try_emplace(Name);
    if (!New)
      return It->second;
    Expected<std::unique_ptr<Module>> M =
        readValidModule(WasmPath, Opts.Features);
    if (!M) {
      It->second = "module rejected: " + toString(M.takeError());
      return It->second;
    }
    SmallString<256> SoPath(OutDir);
    sys::path::append(SoPath, sys::path::stem(Name) + spec::ModuleExtension);
    if (Error E = compileModule(**M, Codegen, SoPath))
      It->second = "compilation failed: " + toString(std::move(E));
    else
      ++Stats.Modules;
    return It->second;
  };
  for (json::Value &V : *Commands) {
    json::Object *Cmd = V.getAsObject();
    if (!Cmd)
      continue;
    std::optional<StringRef> FileName = Cmd->getString("filename");
    if (!FileName)
      continue;
    std::string Name = FileName->str();
    StringRef Type = Cmd->getString("type").value_or("");
    bool Binary = Cmd->getString("module_type").value_or("binary") != "text";
    SmallString<256> WasmPath(WorkDir);
    sys::path::append(WasmPath, Name);
    if (Type == "assert_malformed" || Type == "assert_invalid") {
      if (!Binary)
        continue; // tests the text parser: not counted
      Expected<std::unique_ptr<Module>> M =
          readValidModule(WasmPath, Opts.Features);
      if (!M) {
        consumeError(M.takeError());
        setHostVerdict(*Cmd, true, "", Stats);
        continue;
      }
      setHostVerdict(*Cmd, false,
                     "expected \"" + Cmd->getString("text").value_or("") +
                         "\", but the module was accepted (" + Name + ")",
                     Stats);
      continue;
    }

    // A module to instantiate, or a definition that must compile.
    if (!Binary) {
      setHostVerdict(*Cmd, false, "a text module cannot be compiled", Stats);
      continue;
    }
    StringRef Failure = Compile(Name, WasmPath);
    if (!Failure.empty()) {
      setHostVerdict(*Cmd, false, Failure, Stats);
      continue;
    }
    if (Type == "module_definition")
      setHostVerdict(*Cmd, true, "", Stats);
    (*Cmd)["filename"] = (sys::path::stem(Name) + spec::ModuleExtension).str();
  }
  // A script given through a symlink is reported as the file it points to:
  // test/cross/run-spec.sh links scripts of the same name in different
  // directories (core/memory_grow.wast, core/multi-memory/memory_grow.wast)
  // under distinct names, since lists are named after their scripts.
  SmallString<256> Real;
  if (sys::fs::is_symlink_file(File) && !sys::fs::real_path(File, Real))
    (*Obj)["source_filename"] = std::string(Real);
  else
    (*Obj)["source_filename"] = File;
  (*Obj)[spec::MetaKey] = preparedMeta(Opts.Codegen);

  SmallString<256> OutPath(OutDir);
  sys::path::append(OutPath, sys::path::stem(File) + ".json");
  std::error_code EC;
  raw_fd_ostream OS(OutPath, EC);
  if (EC)
    return createFileError(OutPath, EC);
  OS << *Root << "\n";
  OS.close();
  if (OS.has_error())
    return createFileError(OutPath, OS.error());
  return std::string(OutPath);
}

/// Whether code compiled for Opts' target runs in this process.
bool targetRunsHere(const CodegenOptions &Opts) {
  Triple T(
      Triple::normalize(Opts.Triple.empty() ? DefaultTriple : Opts.Triple));
  Triple Host(sys::getProcessTriple());
  return T.getArch() == Host.getArch() && T.getOS() == Host.getOS();
}

/// `--prepare DIR`: prepares every script into DIR.
int prepareAll(const WastOptions &Opts, const ConverterTool &Tool,
               StringRef WorkRoot) {
  if (std::error_code EC = sys::fs::create_directories(Opts.PrepareDir)) {
    reportError(Opts.PrepareDir,
                createStringError(EC, "cannot create directory: %s",
                                  EC.message().c_str()));
    return 1;
  }
  // Lists are named after their scripts, so two scripts may not share a
  // name.
  StringSet<> Names;
  for (const std::string &File : Opts.Inputs) {
    if (!Names.insert(sys::path::stem(File)).second) {
      reportError(File, createStringError(inconvertibleErrorCode(),
                                          "another script is also named %s",
                                          sys::path::stem(File).str().c_str()));
      return 1;
    }
  }
  int Status = 0;
  for (const std::string &File : Opts.Inputs) {
    SmallString<128> WorkDir(WorkRoot);
    sys::path::append(WorkDir, sys::path::stem(File));
    sys::fs::create_directories(WorkDir);
    PrepareStats Stats;
    Expected<std::string> List =
        prepareScript(File, WorkDir, Opts.PrepareDir, Tool, Opts, Stats);
    sys::fs::remove_directories(WorkDir);
    if (!List) {
      outs() << File << ": error: " << toString(List.takeError()) << "\n";
      Status = 1;
      continue;
    }
    outs() << *List << ": " << Stats.Modules << " modules, "
           << Stats.HostChecked << " commands checked here";
    if (Stats.HostFailed)
      outs() << " (" << Stats.HostFailed << " failed)";
    outs() << "\n";
  }
  return Status;
}

/// The converter Opts asks for: found, or an error that says how to get
/// it. A name with a slash is taken as it is, found or not.
Expected<ConverterTool> findConverter(const WastOptions &Opts) {
  ConverterTool Tool{Opts.Conv, ""};
  if (Opts.Conv == WastOptions::Converter::Wast2Json) {
    ErrorOr<std::string> P = sys::findProgramByName(Opts.Wast2Json);
    if (!P || !sys::fs::can_execute(*P))
      return createStringError(inconvertibleErrorCode(),
                               "cannot find %s (install wabt)",
                               Opts.Wast2Json.c_str());
    Tool.Path = *P;
    return Tool;
  }
  std::vector<std::string> Candidates;
  if (!Opts.Interpreter.empty()) {
    Candidates.push_back(Opts.Interpreter);
  } else {
    // The build puts the interpreter beside wasm2native.
    static int Anchor;
    std::string Self = sys::fs::getMainExecutable(nullptr, &Anchor);
    SmallString<256> Beside(sys::path::parent_path(Self));
    sys::path::append(Beside, "wasm-spec-interpreter");
    Candidates.push_back(std::string(Beside));
    Candidates.push_back("wasm-spec-interpreter");
  }
  for (const std::string &C : Candidates) {
    ErrorOr<std::string> P = C.find('/') != std::string::npos
                                 ? ErrorOr<std::string>(C)
                                 : sys::findProgramByName(C);
    if (P && sys::fs::can_execute(*P)) {
      Tool.Path = *P;
      return Tool;
    }
  }
  return createStringError(
      inconvertibleErrorCode(),
      "cannot find the spec's reference interpreter %s (the build makes it "
      "from ../shared/wasm-spec/interpreter with Debian's ocaml-nox, "
      "ocaml-dune and menhir: run scripts/setup.sh; or pass --interpreter "
      "PATH, or --converter=wast2json for 2022 scripts)",
      Candidates.front().c_str());
}

} // namespace

int runWast(const WastOptions &Opts) {
  if (!applyLLVMArgs(Opts.LLVMArgs))
    return 1;
  if (Error E = checkCodegenOptions(Opts.Codegen)) {
    reportError(std::move(E));
    return 1;
  }
  // A missing script is the user's mistake, not a failure of wast2json.
  for (const std::string &File : Opts.Inputs)
    if (std::error_code EC =
            sys::fs::access(File, sys::fs::AccessMode::Exist)) {
      reportError(File, createStringError(EC, "cannot read file: %s",
                                          EC.message().c_str()));
      return 1;
    }
  Expected<ConverterTool> Tool = findConverter(Opts);
  if (!Tool) {
    reportError(Tool.takeError());
    return 1;
  }
  if (Opts.PrepareDir.empty() && !targetRunsHere(Opts.Codegen)) {
    reportError(createStringError(
        inconvertibleErrorCode(),
        "code for %s does not run on this host; prepare the scripts with "
        "--prepare DIR and run them on the target with `wasm2native-run "
        "--spec DIR/NAME.json`",
        Triple::normalize(Opts.Codegen.Triple).c_str()));
    return 1;
  }
  SmallString<128> WorkRoot;
  if (std::error_code EC =
          sys::fs::createUniqueDirectory("wasm2native-wast", WorkRoot)) {
    reportError(createStringError(EC, "cannot create a work directory: %s",
                                  EC.message().c_str()));
    return 1;
  }
  if (!Opts.PrepareDir.empty()) {
    int Status = prepareAll(Opts, *Tool, WorkRoot);
    sys::fs::remove_directories(WorkRoot);
    return Status;
  }

  spec::Counts Total;
  for (const std::string &File : Opts.Inputs) {
    SmallString<128> WorkDir(WorkRoot);
    sys::path::append(WorkDir, sys::path::stem(File));
    sys::fs::create_directories(WorkDir);
    PrepareStats Stats;
    Expected<std::string> List =
        prepareScript(File, WorkDir, WorkDir, *Tool, Opts, Stats);
    spec::ListResult R;
    if (List) {
      R = spec::runCommandList(*List);
    } else {
      R.Source = File;
      R.Error = toString(List.takeError());
    }
    outs() << spec::formatResult(R);
    outs().flush();
    Total += R.C;
    if (!R.Error.empty())
      ++Total.Failed;
    sys::fs::remove_directories(WorkDir);
  }
  sys::fs::remove_directories(WorkRoot);
  outs() << Total.Passed << " passed, " << Total.Failed << " failed\n";
  return Total.Failed ? 1 : 0;
}

} // namespace w2n
