//===- Link.cpp - Link objects into a shared object with lld --------------===//

#include "codegen/Link.h"

#include "LinkerScripts.inc"

#include "lld/Common/Driver.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <mutex>

LLD_HAS_DRIVER(elf)

using namespace llvm;

namespace w2n {

namespace {

/// Temporary files that are removed when this object goes out of scope.
class TempFiles {
public:
  ~TempFiles() {
    for (const std::string &P : Paths)
      sys::fs::remove(P);
  }

  /// Writes Data to a new temporary file and returns its path.
  Expected<std::string> add(StringRef Suffix, ArrayRef<char> Data) {
    SmallString<128> Path;
    int FD;
    if (std::error_code EC =
            sys::fs::createTemporaryFile("wasm2native", Suffix, FD, Path))
      return createStringError(EC, "cannot create a temporary file: %s",
                               EC.message().c_str());
    Paths.push_back(std::string(Path));
    raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS.write(Data.data(), Data.size());
    OS.close();
    if (OS.has_error())
      return createStringError(OS.error(), "cannot write %s", Path.c_str());
    return std::string(Path);
  }

private:
  std::vector<std::string> Paths;
};

} // namespace

Error linkSharedObject(ArrayRef<SmallVector<char, 0>> Objects,
                       StringRef OutPath) {
  TempFiles Temps;
  Expected<std::string> Script =
      Temps.add("map", ArrayRef<char>(SharedObjectVersionScript,
                                      strlen(SharedObjectVersionScript)));
  if (!Script)
    return Script.takeError();
  std::vector<std::string> Inputs;
  for (const SmallVector<char, 0> &Obj : Objects) {
    Expected<std::string> P = Temps.add("o", Obj);
    if (!P)
      return P.takeError();
    Inputs.push_back(std::move(*P));
  }

  std::string ScriptArg = "--version-script=" + *Script;
  std::string Out = OutPath.str();
  std::vector<const char *> Args = {"ld.lld",
                                    "-shared",
                                    "--build-id=none",
                                    "-z",
                                    "noexecstack",
                                    "-z",
                                    "relro",
                                    "-z",
                                    "now",
                                    "--hash-style=gnu",
                                    ScriptArg.c_str(),
                                    "-o",
                                    Out.c_str()};
  for (const std::string &In : Inputs)
    Args.push_back(In.c_str());

  // lld's driver keeps global state; one link at a time per process.
  static std::mutex LinkMutex;
  std::lock_guard<std::mutex> Lock(LinkMutex);
  std::string Diags;
  raw_string_ostream DiagOS(Diags);
  lld::Result R =
      lld::lldMain(Args, DiagOS, DiagOS, {{lld::Gnu, &lld::elf::link}});
  if (R.retCode != 0)
    return createStringError(inconvertibleErrorCode(), "link failed: %s",
                             DiagOS.str().c_str());
  if (!R.canRunAgain)
    return createStringError(inconvertibleErrorCode(),
                             "lld cannot be run again in this process");
  return Error::success();
}

} // namespace w2n
