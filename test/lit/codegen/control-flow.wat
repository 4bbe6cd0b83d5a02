;; Structured control flow (compiler/lower/FunctionTranslator.cpp): block,
;; loop, br_table, if/else with results, br_if with a value and return.
;; Two views of each function:
;;   - CHECK, the baseline tier (mem2reg, no optimisation), shows the CFG as
;;     lowered: which wasm label each edge goes to and which values the
;;     phis at a label's join receive. It catches a br_table whose targets
;;     are shifted or whose default is another depth, a value that does not
;;     travel with a branch, then/else swapped or a condition inverted, a
;;     multi-value result in the wrong order, a local not merged after an
;;     if without else, a br_if that falls through when taken, a loop
;;     branch that goes to the loop's end instead of its header, a return
;;     that leaves only the innermost construct.
;;   - OPT, at -O2, is what LLVM proves each function computes; any of the
;;     mistakes above changes it (a br_table that maps 1 to $outer would
;;     fold to `ret i32 100`, a br that exits the loop would remove umax).
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - \
;; RUN:   --mllvm=-wasm2native-force-tier=baseline | FileCheck %s
;; RUN: wasm2native compile -O2 --emit=llvm %t.wasm -o - \
;; RUN:   | FileCheck %s --check-prefix=OPT

;; br_table $outer $inner $outer: 0 and the default go to $outer with 100,
;; 1 goes to $inner with 100, which adds 1 and falls into $outer.
;; CHECK-LABEL: define {{.*}} @"wasm:br_table"(ptr %vmctx, i32 %0)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: switch i32 %0, label %[[OUTER:[a-z0-9_.]+]] [
;; CHECK-NEXT: i32 0, label %[[OUTER]]{{$}}
;; CHECK-NEXT: i32 1, label %[[INNER:[a-z0-9_.]+]]
;; CHECK-NEXT: ]
;; CHECK: {{^}}[[OUTER]]:
;; CHECK-NEXT: phi i32 [ 100, %entry ], [ 100, %entry ], [ [[SUM:%[0-9]+]], %[[INNER]] ]
;; CHECK: {{^}}[[INNER]]:
;; CHECK-NEXT: [[V:%[0-9]+]] = phi i32 [ 100, %entry ]
;; CHECK-NEXT: [[SUM]] = add i32 [[V]], 1
;; CHECK-NEXT: br label %[[OUTER]]{{$}}
;; OPT-LABEL: define {{.*}} @"wasm:br_table"(
;; OPT: [[C:%[a-z0-9_.]+]] = icmp eq i32 %0, 1
;; OPT-NEXT: [[R:%[a-z0-9_.]+]] = select i1 [[C]], i32 101, i32 100
;; OPT-NEXT: ret i32 [[R]]{{$}}

;; Without values: 0 -> $b0 (returns 10), 1 -> $b1 (20), default -> $b2
;; (30).
;; CHECK-LABEL: define {{.*}} @"wasm:br_table_void"(ptr %vmctx, i32 %0)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: switch i32 %0, label %[[B2:[a-z0-9_.]+]] [
;; CHECK-NEXT: i32 0, label %[[B0:[a-z0-9_.]+]]
;; CHECK-NEXT: i32 1, label %[[B1:[a-z0-9_.]+]]
;; CHECK-NEXT: ]
;; CHECK: {{^}}return:
;; CHECK-NEXT: phi i32 [ 10, %[[B0]] ], [ 20, %[[B1]] ], [ 30, %[[B2]] ]
;; OPT-LABEL: define {{.*}} @"wasm:br_table_void"(
;; OPT: icmp eq i32 %0, 1
;; OPT-NEXT: select i1 %{{.*}}, i32 20, i32 30
;; OPT-NEXT: icmp eq i32 %0, 0
;; OPT-NEXT: select i1 %{{.*}}, i32 10, i32 %
;; OPT-NEXT: ret i32

;; if (result i32 i64): then gives (p1, 2), else (3, p2); the results come
;; back as { i32, i64 } in that order.
;; CHECK-LABEL: define {{.*}} { i32, i64 } @"wasm:if_else"(ptr %vmctx, i32 %0, i32 %1, i64 %2)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[C:%[a-z0-9_.]+]] = icmp ne i32 %0, 0
;; CHECK-NEXT: br i1 [[C]], label %[[THEN:[a-z0-9_.]+]], label %[[ELSE:[a-z0-9_.]+]]
;; CHECK: {{^}}return:
;; CHECK-NEXT: [[R0:%[0-9]+]] = phi i32 [ [[A:%[0-9]+]], %[[END:[a-z0-9_.]+]] ]
;; CHECK-NEXT: [[R1:%[0-9]+]] = phi i64 [ [[B:%[0-9]+]], %[[END]] ]
;; CHECK-NEXT: [[S:%[0-9]+]] = insertvalue { i32, i64 } poison, i32 [[R0]], 0
;; CHECK-NEXT: [[S2:%[0-9]+]] = insertvalue { i32, i64 } [[S]], i64 [[R1]], 1
;; CHECK-NEXT: ret { i32, i64 } [[S2]]{{$}}
;; CHECK: {{^}}[[THEN]]:
;; CHECK-NEXT: br label %[[END]]{{$}}
;; CHECK: {{^}}[[ELSE]]:
;; CHECK-NEXT: br label %[[END]]{{$}}
;; CHECK: {{^}}[[END]]:
;; CHECK-NEXT: [[A]] = phi i32 [ %1, %[[THEN]] ], [ 3, %[[ELSE]] ]
;; CHECK-NEXT: [[B]] = phi i64 [ 2, %[[THEN]] ], [ %2, %[[ELSE]] ]
;; OPT-LABEL: define {{.*}} @"wasm:if_else"(
;; OPT: [[Z:%[a-z0-9_.]+]] = icmp eq i32 %0, 0
;; OPT-NEXT: [[X:%[0-9]+]] = select i1 [[Z]], i32 3, i32 %1
;; OPT-NEXT: [[Y:%[0-9]+]] = select i1 [[Z]], i64 %2, i64 2
;; OPT-NEXT: [[P:%[0-9]+]] = insertvalue { i32, i64 } poison, i32 [[X]], 0
;; OPT-NEXT: insertvalue { i32, i64 } [[P]], i64 [[Y]], 1

;; An if without else: the local is 9 after then, 0 (its default) else.
;; CHECK-LABEL: define {{.*}} @"wasm:if_no_else"(ptr %vmctx, i32 %0)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[C:%[a-z0-9_.]+]] = icmp ne i32 %0, 0
;; CHECK-NEXT: br i1 [[C]], label %[[THEN:[a-z0-9_.]+]], label %[[ELSE:[a-z0-9_.]+]]
;; CHECK: {{^}}[[THEN]]:
;; CHECK-NEXT: br label %[[END:[a-z0-9_.]+]]
;; CHECK: {{^}}[[ELSE]]:
;; CHECK-NEXT: br label %[[END]]{{$}}
;; CHECK: {{^}}[[END]]:
;; CHECK-NEXT: phi i32 [ 9, %[[THEN]] ], [ 0, %[[ELSE]] ]
;; OPT-LABEL: define {{.*}} @"wasm:if_no_else"(
;; OPT: [[Z:%[a-z0-9_.]+]] = icmp eq i32 %0, 0
;; OPT-NEXT: select i1 [[Z]], i32 0, i32 9

;; br_if $b taken (p0 != 0) leaves with p1; not taken, the block ends
;; with 7.
;; CHECK-LABEL: define {{.*}} @"wasm:br_if_value"(ptr %vmctx, i32 %0, i32 %1)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[C:%[a-z0-9_.]+]] = icmp ne i32 %0, 0
;; CHECK-NEXT: br i1 [[C]], label %[[END:[a-z0-9_.]+]], label %[[CONT:[a-z0-9_.]+]]
;; CHECK: {{^}}[[END]]:
;; CHECK-NEXT: phi i32 [ %1, %entry ], [ 7, %[[CONT]] ]
;; CHECK: {{^}}[[CONT]]:
;; CHECK-NEXT: br label %[[END]]{{$}}
;; OPT-LABEL: define {{.*}} @"wasm:br_if_value"(
;; OPT: [[Z:%[a-z0-9_.]+]] = icmp eq i32 %0, 0
;; OPT-NEXT: select i1 [[Z]], i32 7, i32 %1

;; A br_if to a loop goes back to its header, where the local is a phi of
;; its value on entry (0) and at the back edge.
;; CHECK-LABEL: define {{.*}} @"wasm:loop_count"(ptr %vmctx, i32 %0)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: br label %[[LOOP:[a-z0-9_.]+]]
;; CHECK: {{^}}[[LOOP]]:
;; CHECK-NEXT: [[N:%[a-z0-9_.]+]] = phi i32 [ 0, %entry ], [ [[INC:%[0-9]+]], %[[LOOP]] ]
;; CHECK-NEXT: [[INC]] = add i32 [[N]], 1
;; CHECK-NEXT: [[LT:%[0-9]+]] = icmp ult i32 [[INC]], %0
;; CHECK-NEXT: [[LT32:%[0-9]+]] = zext i1 [[LT]] to i32
;; CHECK-NEXT: [[C:%[a-z0-9_.]+]] = icmp ne i32 [[LT32]], 0
;; CHECK-NEXT: br i1 [[C]], label %[[LOOP]], label %{{[a-z0-9_.]+}}
;; OPT-LABEL: define {{.*}} @"wasm:loop_count"(
;; OPT: [[M:%[a-z0-9_.]+]] = call i32 @llvm.umax.i32(i32 %0, i32 1)
;; OPT-NEXT: ret i32 [[M]]{{$}}

;; br_if $exit from inside the loop leaves both; br $l goes back to the
;; header.
;; CHECK-LABEL: define {{.*}} @"wasm:loop_break"(ptr %vmctx, i32 %0)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: br label %[[LOOP:[a-z0-9_.]+]]
;; CHECK: {{^}}return:
;; CHECK-NEXT: phi i32 [ [[X:%[a-z0-9_.]+]], %[[EXIT:[a-z0-9_.]+]] ]
;; CHECK: {{^}}[[EXIT]]:
;; CHECK-NEXT: br label %return
;; CHECK: {{^}}[[LOOP]]:
;; CHECK-NEXT: [[X]] = phi i32 [ %0, %entry ], [ [[NEXT:%[0-9]+]], %[[BODY:[a-z0-9_.]+]] ]
;; CHECK-NEXT: [[GE:%[0-9]+]] = icmp uge i32 [[X]], 10
;; CHECK-NEXT: [[GE32:%[0-9]+]] = zext i1 [[GE]] to i32
;; CHECK-NEXT: [[C:%[a-z0-9_.]+]] = icmp ne i32 [[GE32]], 0
;; CHECK-NEXT: br i1 [[C]], label %[[EXIT]], label %[[BODY]]{{$}}
;; CHECK: {{^}}[[BODY]]:
;; CHECK-NEXT: [[NEXT]] = add i32 [[X]], 3
;; CHECK-NEXT: br label %[[LOOP]]{{$}}

;; return inside an if inside a loop leaves the function.
;; CHECK-LABEL: define {{.*}} @"wasm:return_from_loop"(ptr %vmctx, i32 %0)
;; CHECK: {{^}}return:
;; CHECK-NEXT: [[R:%[0-9]+]] = phi i32 [ 42, %[[THEN:[a-z0-9_.]+]] ]
;; CHECK-NEXT: ret i32 [[R]]{{$}}
;; CHECK: {{^}}[[LOOP:[a-z0-9_.]+]]:
;; CHECK: br i1 %{{.*}}, label %[[THEN]], label
;; CHECK: {{^}}[[THEN]]:
;; CHECK-NEXT: br label %return
;; CHECK: sub i32
;; CHECK-NEXT: br label %[[LOOP]]{{$}}
;; OPT-LABEL: define {{.*}} @"wasm:return_from_loop"(
;; OPT-NEXT: entry:
;; OPT-NEXT: ret i32 42

(module
  (func $br_table (export "br_table") (param i32) (result i32)
    (block $outer (result i32)
      (i32.add
        (block $inner (result i32)
          (br_table $outer $inner $outer (i32.const 100) (local.get 0)))
        (i32.const 1))))
  (func $br_table_void (export "br_table_void") (param i32) (result i32)
    (block $b2
      (block $b1
        (block $b0
          (br_table $b0 $b1 $b2 (local.get 0)))
        (return (i32.const 10)))
      (return (i32.const 20)))
    (i32.const 30))
  (func $if_else (export "if_else") (param i32 i32 i64) (result i32 i64)
    (if (result i32 i64) (local.get 0)
      (then (local.get 1) (i64.const 2))
      (else (i32.const 3) (local.get 2))))
  (func $if_no_else (export "if_no_else") (param i32) (result i32)
    (local i32)
    (if (local.get 0) (then (local.set 1 (i32.const 9))))
    (local.get 1))
  (func $br_if_value (export "br_if_value") (param i32 i32) (result i32)
    (block $b (result i32)
      (drop (br_if $b (local.get 1) (local.get 0)))
      (i32.const 7)))
  (func $loop_count (export "loop_count") (param i32) (result i32)
    (local i32)
    (loop $l
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get 1) (local.get 0))))
    (local.get 1))
  (func $loop_break (export "loop_break") (param i32) (result i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 0) (i32.const 10)))
        (local.set 0 (i32.add (local.get 0) (i32.const 3)))
        (br $l)))
    (local.get 0))
  (func $return_from_loop (export "return_from_loop") (param i32) (result i32)
    (loop $l
      (if (i32.eqz (local.get 0)) (then (return (i32.const 42))))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br $l))
    (unreachable)))
