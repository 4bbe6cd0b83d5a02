//===- SpecValidate.cpp - Spec suite harness for decode + validate --------===//
///
/// \file
/// Runs the module-level commands of spec scripts against the decoder and
/// validator: every `module` (and the modules of assert_unlinkable and
/// assert_uninstantiable) must validate, every binary `assert_malformed`
/// and every `assert_invalid` must be rejected. Text-format
/// `assert_malformed` modules are about the text parser and are not counted.
/// It checks the 2022 suite, so with the features of WebAssembly 2.0.
///
/// Usage: spec-validate [--wast2json PATH] [-v] FILE.wast...
/// Prints one line of counts per file and a last line `N passed, N failed`.
///
//===----------------------------------------------------------------------===//

#include "wast/WastScript.h"

#include "decode/ModuleReader.h"
#include "validate/Validator.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace w2n;

namespace {

struct Counts {
  unsigned Passed = 0;
  unsigned Failed = 0;
};

/// Checks one script; failures are described on OS.
Counts runScript(const WastScript &Script, raw_ostream &OS) {
  Counts C;
  StringRef Name = sys::path::filename(Script.WastPath);
  for (const WastCommand &Cmd : Script.Commands) {
    bool ExpectValid;
    switch (Cmd.K) {
    case WastCommand::Module:
    case WastCommand::AssertUnlinkable:
    case WastCommand::AssertUninstantiable:
      ExpectValid = true;
      break;
    case WastCommand::AssertMalformed:
    case WastCommand::AssertInvalid:
      ExpectValid = false;
      break;
    default:
      continue;
    }
    if (!Cmd.IsBinary)
      continue;
    // The 2022 suite's scripts assert WebAssembly 2.0's rules (a memarg
    // offset is a u32, constant expressions read imported globals only).
    Expected<std::unique_ptr<Module>> M =
        readValidModule(Cmd.ModulePath, FeatureSet::wasm2());
    bool Valid = bool(M);
    std::string Why = M ? "" : toString(M.takeError());
    if (Valid == ExpectValid) {
      ++C.Passed;
      continue;
    }
    ++C.Failed;
    OS << "  " << Name << ":" << Cmd.Line << ": " << Cmd.TypeName << ": ";
    if (ExpectValid)
      OS << "module rejected: " << Why << "\n";
    else
      OS << "expected \"" << Cmd.Text << "\" but the module was accepted ("
         << sys::path::filename(Cmd.ModulePath) << ")\n";
  }
  return C;
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  std::string Wast2Json = "wast2json";
  std::vector<std::string> Files;
  std::vector<std::string> Flags;
  for (int I = 1; I < argc; ++I) {
    StringRef A = argv[I];
    if (A == "--wast2json" && I + 1 < argc)
      Wast2Json = argv[++I];
    else if (A.starts_with("--enable-"))
      Flags.push_back(A.str());
    else
      Files.push_back(A.str());
  }
  if (Files.empty()) {
    errs() << "usage: spec-validate [--wast2json PATH] [--enable-X] "
              "FILE.wast...\n";
    return 2;
  }
  ErrorOr<std::string> Tool = sys::findProgramByName(Wast2Json);
  if (!Tool) {
    errs() << "spec-validate: error: cannot find " << Wast2Json
           << " (install Debian's wabt)\n";
    return 2;
  }

  SmallString<128> WorkRoot;
  if (std::error_code EC =
          sys::fs::createUniqueDirectory("spec-validate", WorkRoot)) {
    errs() << "spec-validate: error: cannot create a work directory: "
           << EC.message() << "\n";
    return 2;
  }

  Counts Total;
  unsigned BadFiles = 0;
  for (const std::string &File : Files) {
    SmallString<128> WorkDir(WorkRoot);
    sys::path::append(WorkDir, sys::path::stem(File));
    sys::fs::create_directories(WorkDir);
    Expected<WastScript> Script = loadWastScript(File, WorkDir, *Tool, Flags);
    if (!Script) {
      outs() << File << ": error: " << toString(Script.takeError()) << "\n";
      ++Total.Failed;
      ++BadFiles;
      continue;
    }
    std::string Details;
    raw_string_ostream DS(Details);
    Counts C = runScript(*Script, DS);
    outs() << File << ": " << C.Passed << " passed, " << C.Failed << " failed\n"
           << Details;
    Total.Passed += C.Passed;
    Total.Failed += C.Failed;
    if (C.Failed)
      ++BadFiles;
    sys::fs::remove_directories(WorkDir);
  }
  sys::fs::remove_directories(WorkRoot);
  outs() << Files.size() << " files, " << BadFiles << " with failures\n";
  outs() << Total.Passed << " passed, " << Total.Failed << " failed\n";
  return Total.Failed ? 1 : 0;
}
