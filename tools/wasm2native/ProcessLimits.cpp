//===- ProcessLimits.cpp - compile --max-memory and --timeout -------------===//
//
// The memory limit is on the address space (RLIMIT_AS), a little above the
// resident memory the bound is about: the kernel enforces it on
// every allocation, and LLVM reports an allocation that fails through its
// bad-alloc handler (operator new's handler too, which InitLLVM installs).
// The time limit is on CPU time (RLIMIT_CPU, all threads together): the
// kernel sends SIGXCPU at the limit and kills the process a second later.
// Both handlers may run on any thread and in the middle of an allocation,
// so they only write a fixed message and leave with _exit.
//
//===----------------------------------------------------------------------===//

#include "ProcessLimits.h"

#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <cstring>
#include <sys/resource.h>
#include <unistd.h>

namespace w2n {

namespace {

void writeAndExit(const char *Message) {
  ssize_t Ignored = ::write(STDERR_FILENO, Message, std::strlen(Message));
  (void)Ignored;
  ::_exit(1);
}

void onOutOfMemory(void *, const char *, bool) {
  writeAndExit("wasm2native: error: the compile needs more memory than "
               "--max-memory allows\n");
}

void onCpuLimit(int) {
  writeAndExit("wasm2native: error: the compile took more CPU time than "
               "--timeout allows\n");
}

bool setLimit(int Resource, rlim_t Value, const char *Option) {
  struct rlimit L;
  if (getrlimit(Resource, &L) == 0 && L.rlim_max != RLIM_INFINITY &&
      Value > L.rlim_max)
    Value = L.rlim_max;
  // One second of grace for the hard limit of CPU time: SIGXCPU first.
  L.rlim_cur = Value;
  L.rlim_max =
      Resource == RLIMIT_CPU && Value != RLIM_INFINITY ? Value + 1 : Value;
  if (setrlimit(Resource, &L) == 0)
    return true;
  llvm::errs() << "wasm2native: error: cannot apply " << Option << ": "
               << std::strerror(errno) << "\n";
  return false;
}

} // namespace

bool applyProcessLimits(uint64_t MaxMemoryMiB, uint64_t TimeoutSeconds) {
  if (MaxMemoryMiB) {
    llvm::install_bad_alloc_error_handler(onOutOfMemory);
    if (!setLimit(RLIMIT_AS, rlim_t(MaxMemoryMiB) << 20, "--max-memory"))
      return false;
  }
  if (TimeoutSeconds) {
    struct sigaction SA;
    std::memset(&SA, 0, sizeof(SA));
    SA.sa_handler = onCpuLimit;
    sigaction(SIGXCPU, &SA, nullptr);
    if (!setLimit(RLIMIT_CPU, rlim_t(TimeoutSeconds), "--timeout"))
      return false;
  }
  return true;
}

} // namespace w2n
