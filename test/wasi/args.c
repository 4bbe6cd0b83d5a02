// The guest sees exactly the arguments after FILE, argv[0] being FILE, even
// ones that look like options of `run`.
// RUN: %wasi-cc %s -o %t.wasm
// RUN: wasm2native run %t.wasm one "two words" --dir=/ -- "" | FileCheck %s
// RUN: wasm2native run -- %t.wasm --invoke x | FileCheck %s --check-prefix=DASH

// CHECK: argc=6
// CHECK-NEXT: argv[0] ends in .wasm: yes
// CHECK-NEXT: argv[1]=<one>
// CHECK-NEXT: argv[2]=<two words>
// CHECK-NEXT: argv[3]=<--dir=/>
// CHECK-NEXT: argv[4]=<-->
// CHECK-NEXT: argv[5]=<>

// DASH: argc=3
// DASH: argv[1]=<--invoke>
// DASH-NEXT: argv[2]=<x>

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  size_t n = strlen(argv[0]);
  printf("argv[0] ends in .wasm: %s\n",
         n > 5 && strcmp(argv[0] + n - 5, ".wasm") == 0 ? "yes" : "no");
  for (int i = 1; i < argc; ++i)
    printf("argv[%d]=<%s>\n", i, argv[i]);
  return 0;
}
