//===- Link.cpp - Link objects into a shared object with lld --------------===//

#include "codegen/Link.h"

#include "LinkerScripts.inc"

#include "lld/Common/Driver.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <mutex>

LLD_HAS_DRIVER(elf)
LLD_HAS_DRIVER(macho)

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
                       StringRef OutPath, const Triple &Target) {
  TempFiles Temps;
  bool MachO = Target.isOSDarwin();
  const char *ExportText = MachO ? DylibExportList : SharedObjectVersionScript;
  Expected<std::string> Exports =
      Temps.add(MachO ? "exports" : "map",
                ArrayRef<char>(ExportText, strlen(ExportText)));
  if (!Exports)
    return Exports.takeError();
  std::vector<std::string> Inputs;
  for (const SmallVector<char, 0> &Obj : Objects) {
    Expected<std::string> P = Temps.add("o", Obj);
    if (!P)
      return P.takeError();
    Inputs.push_back(std::move(*P));
  }

  std::string Out = OutPath.str();
  std::vector<std::string> Args;
  if (MachO) {
    // No SDK is needed: the dylib imports nothing but what dyld resolves
    // at load time (-undefined dynamic_lookup), and exports only the
    // descriptor.
    std::string MinOS = Target.getOSVersion().getAsString();
    if (Target.getOSMajorVersion() == 0)
      MinOS = "11.0";
    Args = {"ld64.lld", "-dylib", "-arch",
            Target.getArch() == Triple::aarch64 ? "arm64"
                                                : Target.getArchName().str(),
            "-platform_version", "macos", MinOS, MinOS, "-undefined",
            "dynamic_lookup", "-exported_symbols_list", *Exports,
            // Fixed, so the bytes (LC_ID_DYLIB, and the LC_UUID that hashes
            // the output's name) do not depend on the output's file name.
            "-install_name", "@rpath/wasm2native-module.dylib", "-final_output",
            "wasm2native-module.dylib", "-o", Out};
  } else {
    Args = {"ld.lld",
            "-shared",
            "--build-id=none",
            "-z",
            "noexecstack",
            "-z",
            "relro",
            "-z",
            "now",
            "--hash-style=gnu",
            "--version-script=" + *Exports,
            "-o",
            Out};
  }
  Args.insert(Args.end(), Inputs.begin(), Inputs.end());
  std::vector<const char *> ArgPtrs;
  for (const std::string &A : Args)
    ArgPtrs.push_back(A.c_str());

  // lld's drivers keep global state; one link at a time per process.
  static std::mutex LinkMutex;
  std::lock_guard<std::mutex> Lock(LinkMutex);
  std::string Diags;
  raw_string_ostream DiagOS(Diags);
  lld::Result R = lld::lldMain(
      ArgPtrs, DiagOS, DiagOS,
      {{lld::Gnu, &lld::elf::link}, {lld::Darwin, &lld::macho::link}});
  if (R.retCode != 0)
    return createStringError(inconvertibleErrorCode(), "link failed: %s",
                             StringRef(Diags).rtrim().str().c_str());
  if (!R.canRunAgain)
    return createStringError(inconvertibleErrorCode(),
                             "lld cannot be run again in this process");
  return Error::success();
}

} // namespace w2n
