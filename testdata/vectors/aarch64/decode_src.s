fmov d0, #1.0
fmov s1, #-2.5
fmov v0.4s, #1.0
tbl v0.16b, {v1.16b, v2.16b}, v3.16b
tbl v0.16b, {v1.16b}, v3.16b
ld1 {v0.16b, v1.16b}, [x0], #32
ld1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x0]
ld1 {v0.b}[3], [x0], #1
ld1r {v0.4s}, [x0]
sys #3, c7, c4, #1, x0
sys #2, c7, c4, #1, x0
udf #0
udf #16
movi d0, #0xff00ff00ff00ff00
movi v0.2d, #0
movi v1.4s, #1, lsl #8
mrs x0, s3_3_c13_c0_2
mrs x0, s3_0_c0_c0_0
mrs x1, s3_3_c9_c9_1
hint #0x50
hint #0x6
dsb #0
dsb #4
dsb #12
isb #3
clrex #3
dmb #0
msr daifset, #2
ldr x0, [x1, x2, lsl #3]
ldrb w0, [x1, x2, lsl #0]
ldrb w0, [x1, x2]
ldr w0, [x1, w2, uxtw #2]
ldr w0, [x1, w2, uxtw]
ldr w0, [x1, x2, sxtx]
ldnp q0, q1, [x0, #32]
prfm pldl1keep, [x0]
prfm #0x1f, [x0]
prfum pldl1keep, [x0, #-1]
prfm pstl2strm, [x0, x1]
add x0, sp, x1
add x0, sp, x1, lsl #2
add x0, x1, w2, uxtw #2
add w0, wsp, w1
cmp sp, x1
subs xzr, xzr, x1
sub x0, xzr, x1, lsl #2
ngc x0, x1
mov x0, #0x5555555555555555
orr x0, xzr, #0xffff
mov w0, #-1
movn w0, #0xffff
movz x0, #0, lsl #16
movn x0, #0, lsl #16
mov v0.16b, v1.16b
umov w0, v1.s[1]
umov x0, v1.d[1]
umov w0, v1.b[1]
smov x0, v1.h[1]
ins v0.s[1], w1
ins v0.s[1], v2.s[0]
dup v0.16b, v1.b[1]
dup v0.2d, x1
mov b0, v1.b[3]
dup d0, v1.d[1]
sxtl v0.8h, v1.8b
sxtl2 v0.8h, v1.16b
ushll v0.8h, v1.8b, #2
xtn2 v0.16b, v1.8h
addv b0, v0.16b
uaddlv h0, v0.16b
umull2 v0.8h, v1.16b, v2.16b
cmeq v0.16b, v1.16b, #0
cmlt v0.4s, v1.4s, #0
mvn v0.16b, v0.16b
rbit v0.16b, v0.16b
fmov x0, v1.d[1]
fmov v1.d[1], x0
fcmp d0, #0.0
fcmpe s0, #0.0
scvtf d0, w0, #16
fcvtzs w0, s0, #3
ret x1
bti c
paciasp
dc zva, x0
ic ivau, x1
mrs x0, tpidr_el0
mrs x0, fpcr
mrs x0, cntvct_el0
mrs x0, dczid_el0
mrs x0, midr_el1
mrs x0, id_aa64isar0_el1
mrs x0, nzcv
msr fpsr, x1
tbz x0, #40, .
cset w0, eq
csetm x0, ne
cinc x0, x1, eq
cneg x0, x1, mi
ror x0, x1, #3
ror w0, w1, w2
stadd w1, [x0]
staddl x1, [x0]
ldaddal w1, w2, [sp]
ldapr w0, [x1]
ldaprb w0, [x1]
swpalb w0, w1, [x2]
casab w0, w1, [x2]
stlxp w0, x1, x2, [x3]
ldxp x1, x2, [x3]
ldlar x0, [x1]
ldr q0, .
ldrsw x0, .
prfm pldl1keep, .
sturb w0, [x1, #-1]
ldtr x0, [x1, #8]
fmov h0, #1.0
fmov h0, h1
faddp s0, v1.2s
addp d0, v1.2d
mov v0.s[1], v2.s[3]
shl d0, d1, #3
cmeq d0, d1, #0
mvni v0.4s, #0x0
bic v0.4s, #0x1, lsl #8
orr v0.8h, #0x1
movi v0.2s, #0xff, msl #8
fmov v0.2d, #-1.0
adr x0, .
adrp x1, .
add w0, w1, #0x10
adds x0, sp, #0x1, lsl #12
subs w0, w1, #4
cmn x2, #3
mov sp, x3
and x0, x1, #0xff
ands w0, w1, #0x3
tst x1, #0x8000000000000000
eor w3, w4, #0x55555555
movk x0, #0x1234, lsl #48
mov x0, #0xffffffffffff0000
sbfx x0, x1, #3, #9
sbfiz w0, w1, #3, #9
sxtb w0, w1
sxth x0, w1
asr w0, w1, #31
ubfx x0, x1, #0, #8
uxtb w0, w1
uxth w0, w1
lsr x0, x1, #63
bfxil x0, x1, #4, #8
bfc w0, #3, #4
extr x0, x1, x2, #17
b.eq .
b.al .
b.nv .
svc #0
brk #0x3e8
nop
yield
wfe
isb
dmb ish
dmb ishld
dsb sy
dsb ishst
clrex
br x16
blr x2
ret
b .
bl .
cbz x0, .
cbnz w1, .
tbnz w3, #7, .
ldxr w0, [x1]
ldaxr x0, [sp]
stxr w2, x0, [x1]
stlxr w2, w0, [x1]
ldxrb w0, [x1]
stlxrh w3, w0, [x1]
ldar x0, [x1]
stlr w0, [x1]
ldarb w0, [x1]
stlrh w0, [x1]
cas x0, x1, [x2]
casal w0, w1, [x2]
ldr w0, .
ldr x0, .
ldr s0, .
ldr d0, .
stp x29, x30, [sp, #-32]!
ldp x29, x30, [sp], #32
ldp w0, w1, [x2, #8]
ldpsw x0, x1, [x2, #-8]
stp q0, q1, [x0, #64]
ldp d0, d1, [x0]
stnp x0, x1, [x2, #16]
ldr x0, [x1, #8]!
str w0, [x1], #-4
ldrsb w0, [x1, #1]
ldrsb x0, [x1, #1]
ldrsh x0, [x1, #2]
ldrsw x0, [x1, #4]
ldr b0, [x1, #1]
ldr h0, [x1, #2]
ldr q0, [x1, #16]
str q0, [sp, #-16]!
ldur q1, [x0, #-3]
ldur x0, [x29, #-8]
stur w0, [x1, #3]
ldr x0, [x1, w2, sxtw #3]
str q0, [x1, x2, lsl #4]
ldr d0, [x1, w2, uxtw #3]
ldadd x0, x1, [x2]
ldclral w0, w1, [x2]
ldeora x0, x1, [x2]
ldsetl w0, w1, [x2]
ldsmaxh w0, w1, [x2]
ldsminb w0, w1, [x2]
ldumax x0, x1, [x2]
ldumin w0, w1, [x2]
swp x0, x1, [x2]
and x0, x1, x2, lsl #3
bic w0, w1, w2
orr x0, x1, x2, ror #5
orn x0, x1, x2
mvn w0, w1
eor x0, x1, x2, asr #3
eon x0, x1, x2
ands x0, x1, x2
bics w0, w1, w2
tst w0, w1, lsr #2
mov x0, x1
add x0, x1, x2, lsl #3
adds w0, w1, w2, asr #3
sub x0, x1, x2
subs x0, x1, x2
cmp w0, w1
cmn x0, x1
neg w0, w1
negs x0, x1
add x0, x1, w2, sxtw
sub sp, sp, x1
cmp x0, w1, uxtb
adds x0, x1, x2, sxtx #2
adc x0, x1, x2
adcs w0, w1, w2
sbc x0, x1, x2
sbcs w0, w1, w2
ngcs w0, w1
ccmp x0, #3, #4, ne
ccmn w0, w1, #0, lt
csel x0, x1, x2, eq
csinc w0, w1, w2, ne
csinv x0, x1, x2, hi
csneg w0, w1, w2, ge
cinv w0, w1, lt
udiv x0, x1, x2
sdiv w0, w1, w2
lsl x0, x1, x2
lsr w0, w1, w2
asr x0, x1, x2
crc32b w0, w1, w2
crc32cx w0, w1, x2
rbit x0, x1
rev16 w0, w1
rev32 x0, x1
rev x0, x1
rev w0, w1
clz x0, x1
cls w0, w1
madd x0, x1, x2, x3
msub w0, w1, w2, w3
mul x0, x1, x2
mneg w0, w1, w2
smaddl x0, w1, w2, x3
smull x0, w1, w2
umsubl x0, w1, w2, x3
umull x0, w1, w2
smulh x0, x1, x2
umulh x0, x1, x2
fmov s0, s1
fabs d0, d1
fneg s0, s1
fsqrt d0, d1
fcvt d0, s1
fcvt s0, d1
fcvt h0, d1
frintn d0, d1
frintp s0, s1
frintm d0, d1
frintz d0, d1
frinta s0, s1
frintx d0, d1
frinti d0, d1
fcmp s0, s1
fcmpe d0, d1
fccmp d0, d1, #4, ne
fccmpe s0, s1, #0, eq
fmul d0, d1, d2
fdiv s0, s1, s2
fadd d0, d1, d2
fsub s0, s1, s2
fmax d0, d1, d2
fmin d0, d1, d2
fmaxnm d0, d1, d2
fminnm s0, s1, s2
fnmul d0, d1, d2
fcsel d0, d1, d2, gt
fmadd d0, d1, d2, d3
fmsub s0, s1, s2, s3
fnmadd d0, d1, d2, d3
fnmsub d0, d1, d2, d3
fcvtzs w0, d1
fcvtzs x0, s1
fcvtzu x0, d1
fcvtns w0, d1
fcvtnu w0, d1
fcvtps x0, d1
fcvtms x0, d1
fcvtas w0, d1
fcvtau x0, s1
scvtf d0, x1
scvtf s0, w1
ucvtf d0, w1
fmov x0, d1
fmov d0, x1
fmov w0, s1
fmov s0, w1
and v0.16b, v1.16b, v2.16b
bic v0.8b, v1.8b, v2.8b
orr v0.16b, v1.16b, v2.16b
orn v0.16b, v1.16b, v2.16b
eor v0.16b, v1.16b, v2.16b
bsl v0.16b, v1.16b, v2.16b
bit v0.8b, v1.8b, v2.8b
bif v0.16b, v1.16b, v2.16b
add v0.4s, v1.4s, v2.4s
add v0.2d, v1.2d, v2.2d
sub v0.8h, v1.8h, v2.8h
mul v0.4s, v1.4s, v2.4s
mla v0.8h, v1.8h, v2.8h
mls v0.4s, v1.4s, v2.4s
cmeq v0.16b, v1.16b, v2.16b
cmhi v0.8h, v1.8h, v2.8h
cmhs v0.4s, v1.4s, v2.4s
cmgt v0.2d, v1.2d, v2.2d
cmge v0.8b, v1.8b, v2.8b
cmtst v0.16b, v1.16b, v2.16b
umax v0.16b, v1.16b, v2.16b
umin v0.8h, v1.8h, v2.8h
smax v0.4s, v1.4s, v2.4s
smin v0.16b, v1.16b, v2.16b
umaxp v0.16b, v1.16b, v2.16b
uminp v0.16b, v1.16b, v2.16b
smaxp v0.4s, v1.4s, v2.4s
sminp v0.8h, v1.8h, v2.8h
addp v0.16b, v1.16b, v2.16b
uqadd v0.16b, v1.16b, v2.16b
uqsub v0.16b, v1.16b, v2.16b
sqadd v0.8h, v1.8h, v2.8h
sqsub v0.4s, v1.4s, v2.4s
ushl v0.2d, v1.2d, v2.2d
sshl v0.4s, v1.4s, v2.4s
uabd v0.16b, v1.16b, v2.16b
sabd v0.8h, v1.8h, v2.8h
fadd v0.4s, v1.4s, v2.4s
fsub v0.2d, v1.2d, v2.2d
fmul v0.2s, v1.2s, v2.2s
fdiv v0.4s, v1.4s, v2.4s
fmla v0.2d, v1.2d, v2.2d
fmls v0.4s, v1.4s, v2.4s
fmax v0.4s, v1.4s, v2.4s
fmin v0.2d, v1.2d, v2.2d
fmaxnm v0.4s, v1.4s, v2.4s
fminnm v0.4s, v1.4s, v2.4s
faddp v0.4s, v1.4s, v2.4s
fmaxp v0.4s, v1.4s, v2.4s
fminp v0.2d, v1.2d, v2.2d
fcmeq v0.4s, v1.4s, v2.4s
fcmge v0.2d, v1.2d, v2.2d
fcmgt v0.4s, v1.4s, v2.4s
fabd v0.4s, v1.4s, v2.4s
rev64 v0.16b, v1.16b
rev32 v0.8h, v1.8h
rev16 v0.16b, v1.16b
cnt v0.16b, v1.16b
cmgt v0.4s, v1.4s, #0
cmge v0.8h, v1.8h, #0
cmle v0.16b, v1.16b, #0
abs v0.4s, v1.4s
neg v0.2d, v1.2d
xtn v0.4h, v1.4s
sqxtn v0.8b, v1.8h
sqxtun v0.8b, v1.8h
uqxtn2 v0.16b, v1.8h
fabs v0.4s, v1.4s
fneg v0.2d, v1.2d
fsqrt v0.4s, v1.4s
scvtf v0.4s, v1.4s
ucvtf v0.2d, v1.2d
fcvtzs v0.4s, v1.4s
fcvtzu v0.2d, v1.2d
frintn v0.4s, v1.4s
frintm v0.2d, v1.2d
frintp v0.4s, v1.4s
frintz v0.2d, v1.2d
frinta v0.4s, v1.4s
frintx v0.2d, v1.2d
frinti v0.4s, v1.4s
saddlv h0, v1.16b
smaxv b0, v1.16b
sminv h0, v1.8h
addv s0, v1.4s
uaddlv s0, v1.8h
umaxv b0, v1.16b
uminv s0, v1.4s
sshr v0.4s, v1.4s, #3
ssra v0.2d, v1.2d, #63
shl v0.8h, v1.8h, #15
shrn2 v0.8h, v1.4s, #16
rshrn v0.2s, v1.2d, #32
sshll v0.4s, v1.4h, #3
ushr v0.16b, v1.16b, #8
usra v0.8b, v1.8b, #1
sri v0.4s, v1.4s, #7
sli v0.2d, v1.2d, #0
uxtl2 v0.2d, v1.4s
saddl v0.8h, v1.8b, v2.8b
saddw2 v0.4s, v1.4s, v2.8h
ssubl v0.2d, v1.2s, v2.2s
ssubw v0.8h, v1.8h, v2.8b
addhn v0.8b, v1.8h, v2.8h
smlal v0.4s, v1.4h, v2.4h
smull2 v0.2d, v1.4s, v2.4s
uaddl v0.8h, v1.8b, v2.8b
uaddw v0.4s, v1.4s, v2.4h
usubl2 v0.8h, v1.16b, v2.16b
usubw v0.2d, v1.2d, v2.2s
raddhn2 v0.16b, v1.8h, v2.8h
umlal v0.8h, v1.8b, v2.8b
umull v0.4s, v1.4h, v2.4h
uzp1 v0.16b, v1.16b, v2.16b
uzp2 v0.8h, v1.8h, v2.8h
trn1 v0.4s, v1.4s, v2.4s
trn2 v0.2d, v1.2d, v2.2d
zip1 v0.8b, v1.8b, v2.8b
zip2 v0.4h, v1.4h, v2.4h
ext v0.8b, v1.8b, v2.8b, #3
tbx v0.8b, {v1.16b, v2.16b, v3.16b}, v4.8b
tbl v0.16b, {v30.16b, v31.16b, v0.16b, v1.16b}, v4.16b
st1 {v0.16b}, [x0]
st1 {v0.4s, v1.4s, v2.4s}, [x0], x2
ld1 {v0.2d}, [x0], #16
ld1 {v31.16b, v0.16b}, [x0]
ld2 {v0.8b, v1.8b}, [x1]
ld4 {v0.16b-v3.16b}, [x1], #64
st1 {v0.d}[1], [x0]
st1 {v0.s}[3], [x0], #4
ld1 {v0.h}[5], [x0], x3
ld1r {v0.8b}, [x0], #1
add d0, d1, d2
sub d0, d1, d2
cmeq d0, d1, d2
cmtst d0, d1, d2
ushr d0, d1, #64
sshr d0, d1, #1
neg d0, d1
dup v0.8b, w1
dup v0.4s, v1.s[3]
smov w0, v1.b[15]
movi v0.8b, #0xff
movi v0.16b, #0x0
mvni v0.8h, #0xf0, lsl #8
movi v0.4h, #0x1
orr v0.4s, #0x1, lsl #24
bic v0.4h, #0x3
mvni v0.4s, #0x1, msl #16
fmov v0.2s, #0.5
mrs x0, ctr_el0
mrs x0, cntfrq_el0
mrs x0, id_aa64pfr0_el1
msr tpidr_el0, x0
msr fpcr, x1
msr nzcv, x2
hint #0x22
autiasp
xpaclri
bti j
bti jc
pacia1716
// FEAT_LSE: every atomic in every ordering and size, the ST aliases, CAS, CASP; LRCPC; LOR
ldaddb w2, w0, [x1]
ldaddh w30, w3, [sp]
ldadd wzr, w5, [x7]
ldadd x2, x0, [x1]
ldaddab w30, w3, [sp]
ldaddah wzr, w5, [x7]
ldadda w2, w0, [x1]
ldadda x30, x3, [sp]
ldaddlb wzr, w5, [x7]
ldaddlh w2, w0, [x1]
ldaddl w30, w3, [sp]
ldaddl xzr, x5, [x7]
ldaddalb w2, w0, [x1]
ldaddalh w30, w3, [sp]
ldaddal wzr, w5, [x7]
ldaddal x2, x0, [x1]
ldclrb w30, w3, [sp]
ldclrh wzr, w5, [x7]
ldclr w2, w0, [x1]
ldclr x30, x3, [sp]
ldclrab wzr, w5, [x7]
ldclrah w2, w0, [x1]
ldclra w30, w3, [sp]
ldclra xzr, x5, [x7]
ldclrlb w2, w0, [x1]
ldclrlh w30, w3, [sp]
ldclrl wzr, w5, [x7]
ldclrl x2, x0, [x1]
ldclralb w30, w3, [sp]
ldclralh wzr, w5, [x7]
ldclral w2, w0, [x1]
ldclral x30, x3, [sp]
ldeorb wzr, w5, [x7]
ldeorh w2, w0, [x1]
ldeor w30, w3, [sp]
ldeor xzr, x5, [x7]
ldeorab w2, w0, [x1]
ldeorah w30, w3, [sp]
ldeora wzr, w5, [x7]
ldeora x2, x0, [x1]
ldeorlb w30, w3, [sp]
ldeorlh wzr, w5, [x7]
ldeorl w2, w0, [x1]
ldeorl x30, x3, [sp]
ldeoralb wzr, w5, [x7]
ldeoralh w2, w0, [x1]
ldeoral w30, w3, [sp]
ldeoral xzr, x5, [x7]
ldsetb w2, w0, [x1]
ldseth w30, w3, [sp]
ldset wzr, w5, [x7]
ldset x2, x0, [x1]
ldsetab w30, w3, [sp]
ldsetah wzr, w5, [x7]
ldseta w2, w0, [x1]
ldseta x30, x3, [sp]
ldsetlb wzr, w5, [x7]
ldsetlh w2, w0, [x1]
ldsetl w30, w3, [sp]
ldsetl xzr, x5, [x7]
ldsetalb w2, w0, [x1]
ldsetalh w30, w3, [sp]
ldsetal wzr, w5, [x7]
ldsetal x2, x0, [x1]
ldsmaxb w30, w3, [sp]
ldsmaxh wzr, w5, [x7]
ldsmax w2, w0, [x1]
ldsmax x30, x3, [sp]
ldsmaxab wzr, w5, [x7]
ldsmaxah w2, w0, [x1]
ldsmaxa w30, w3, [sp]
ldsmaxa xzr, x5, [x7]
ldsmaxlb w2, w0, [x1]
ldsmaxlh w30, w3, [sp]
ldsmaxl wzr, w5, [x7]
ldsmaxl x2, x0, [x1]
ldsmaxalb w30, w3, [sp]
ldsmaxalh wzr, w5, [x7]
ldsmaxal w2, w0, [x1]
ldsmaxal x30, x3, [sp]
ldsminb wzr, w5, [x7]
ldsminh w2, w0, [x1]
ldsmin w30, w3, [sp]
ldsmin xzr, x5, [x7]
ldsminab w2, w0, [x1]
ldsminah w30, w3, [sp]
ldsmina wzr, w5, [x7]
ldsmina x2, x0, [x1]
ldsminlb w30, w3, [sp]
ldsminlh wzr, w5, [x7]
ldsminl w2, w0, [x1]
ldsminl x30, x3, [sp]
ldsminalb wzr, w5, [x7]
ldsminalh w2, w0, [x1]
ldsminal w30, w3, [sp]
ldsminal xzr, x5, [x7]
ldumaxb w2, w0, [x1]
ldumaxh w30, w3, [sp]
ldumax wzr, w5, [x7]
ldumax x2, x0, [x1]
ldumaxab w30, w3, [sp]
ldumaxah wzr, w5, [x7]
ldumaxa w2, w0, [x1]
ldumaxa x30, x3, [sp]
ldumaxlb wzr, w5, [x7]
ldumaxlh w2, w0, [x1]
ldumaxl w30, w3, [sp]
ldumaxl xzr, x5, [x7]
ldumaxalb w2, w0, [x1]
ldumaxalh w30, w3, [sp]
ldumaxal wzr, w5, [x7]
ldumaxal x2, x0, [x1]
lduminb w30, w3, [sp]
lduminh wzr, w5, [x7]
ldumin w2, w0, [x1]
ldumin x30, x3, [sp]
lduminab wzr, w5, [x7]
lduminah w2, w0, [x1]
ldumina w30, w3, [sp]
ldumina xzr, x5, [x7]
lduminlb w2, w0, [x1]
lduminlh w30, w3, [sp]
lduminl wzr, w5, [x7]
lduminl x2, x0, [x1]
lduminalb w30, w3, [sp]
lduminalh wzr, w5, [x7]
lduminal w2, w0, [x1]
lduminal x30, x3, [sp]
swpb wzr, w5, [x7]
swph w2, w0, [x1]
swp w30, w3, [sp]
swp xzr, x5, [x7]
swpab w2, w0, [x1]
swpah w30, w3, [sp]
swpa wzr, w5, [x7]
swpa x2, x0, [x1]
swplb w30, w3, [sp]
swplh wzr, w5, [x7]
swpl w2, w0, [x1]
swpl x30, x3, [sp]
swpalb wzr, w5, [x7]
swpalh w2, w0, [x1]
swpal w30, w3, [sp]
swpal xzr, x5, [x7]
staddb w2, [x1]
staddh w30, [sp]
stadd wzr, [x7]
stadd x2, [x1]
staddlb w30, [sp]
staddlh wzr, [x7]
staddl w2, [x1]
staddl x30, [sp]
stclrb wzr, [x7]
stclrh w2, [x1]
stclr w30, [sp]
stclr xzr, [x7]
stclrlb w2, [x1]
stclrlh w30, [sp]
stclrl wzr, [x7]
stclrl x2, [x1]
steorb w30, [sp]
steorh wzr, [x7]
steor w2, [x1]
steor x30, [sp]
steorlb wzr, [x7]
steorlh w2, [x1]
steorl w30, [sp]
steorl xzr, [x7]
stsetb w2, [x1]
stseth w30, [sp]
stset wzr, [x7]
stset x2, [x1]
stsetlb w30, [sp]
stsetlh wzr, [x7]
stsetl w2, [x1]
stsetl x30, [sp]
stsmaxb wzr, [x7]
stsmaxh w2, [x1]
stsmax w30, [sp]
stsmax xzr, [x7]
stsmaxlb w2, [x1]
stsmaxlh w30, [sp]
stsmaxl wzr, [x7]
stsmaxl x2, [x1]
stsminb w30, [sp]
stsminh wzr, [x7]
stsmin w2, [x1]
stsmin x30, [sp]
stsminlb wzr, [x7]
stsminlh w2, [x1]
stsminl w30, [sp]
stsminl xzr, [x7]
stumaxb w2, [x1]
stumaxh w30, [sp]
stumax wzr, [x7]
stumax x2, [x1]
stumaxlb w30, [sp]
stumaxlh wzr, [x7]
stumaxl w2, [x1]
stumaxl x30, [sp]
stuminb wzr, [x7]
stuminh w2, [x1]
stumin w30, [sp]
stumin xzr, [x7]
stuminlb w2, [x1]
stuminlh w30, [sp]
stuminl wzr, [x7]
stuminl x2, [x1]
casb w30, w3, [sp]
cash wzr, w5, [x7]
cas w2, w0, [x1]
cas x30, x3, [sp]
casab wzr, w5, [x7]
casah w2, w0, [x1]
casa w30, w3, [sp]
casa xzr, x5, [x7]
caslb w2, w0, [x1]
caslh w30, w3, [sp]
casl wzr, w5, [x7]
casl x2, x0, [x1]
casalb w30, w3, [sp]
casalh wzr, w5, [x7]
casal w2, w0, [x1]
casal x30, x3, [sp]
casp w0, w1, w2, w3, [x4]
casp x0, x1, x2, x3, [x4]
caspa w0, w1, w2, w3, [x4]
caspa x0, x1, x2, x3, [x4]
caspl w0, w1, w2, w3, [x4]
caspl x0, x1, x2, x3, [x4]
caspal w0, w1, w2, w3, [x4]
caspal x0, x1, x2, x3, [x4]
casp x30, xzr, x28, x29, [sp]
caspal w2, w3, w30, wzr, [x0]
ldaprb w1, [sp]
ldaprh w30, [x2]
ldapr w3, [x4]
ldapr xzr, [x5]
ldlarb w0, [x1]
ldlarh w0, [x1]
ldlar w0, [x1]
ldlar x0, [x1]
stllrb w0, [x1]
stllrh w0, [x1]
stllr w0, [x1]
stllr x0, [sp]
// by element (FP vector and scalar, integer, widening), fcvt[nmpa][su], fcvtl/fcvtn
fmla v0.4s, v1.4s, v2.s[3]
fmla v0.2s, v1.2s, v31.s[1]
fmls v0.2d, v1.2d, v2.d[1]
fmul v0.4s, v1.4s, v17.s[2]
fmul v30.2d, v29.2d, v28.d[0]
fmla s0, s1, v2.s[3]
fmul d0, d1, v2.d[1]
fmls s3, s4, v20.s[0]
fmla d5, d6, v31.d[1]
mul v0.8h, v1.8h, v15.h[7]
mul v3.2s, v4.2s, v31.s[1]
mla v0.4h, v1.4h, v2.h[5]
mla v0.4s, v1.4s, v18.s[2]
mls v0.4s, v1.4s, v31.s[3]
mls v9.8h, v10.8h, v11.h[0]
smull v0.4s, v1.4h, v2.h[3]
smull2 v0.2d, v1.4s, v25.s[1]
umull v7.4s, v8.4h, v9.h[6]
umull2 v0.2d, v1.4s, v2.s[3]
smlal v0.2d, v1.2s, v2.s[0]
smlal2 v0.4s, v1.8h, v2.h[7]
umlal v0.2d, v1.2s, v22.s[1]
umlal2 v0.4s, v1.8h, v15.h[4]
smlsl v0.4s, v1.4h, v2.h[1]
smlsl2 v0.2d, v1.4s, v2.s[2]
umlsl v0.2d, v1.2s, v2.s[3]
umlsl2 v0.2d, v1.4s, v2.s[0]
fcvtl v0.2d, v1.2s
fcvtl2 v0.2d, v1.4s
fcvtn v0.2s, v1.2d
fcvtn2 v0.4s, v1.2d
fcvtns v0.4s, v1.4s
fcvtns v0.2d, v1.2d
fcvtnu v0.2s, v1.2s
fcvtms v0.4s, v1.4s
fcvtmu v0.2d, v1.2d
fcvtps v0.2s, v1.2s
fcvtpu v0.4s, v1.4s
fcvtas v0.2d, v1.2d
fcvtau v0.2d, v1.2d
fcvtns s0, s1
fcvtnu d0, d1
fcvtms s0, s1
fcvtmu d0, d1
fcvtps d0, d1
fcvtpu s0, s1
fcvtas s0, s1
fcvtau d0, d1
// three-same, three-different, two-register-misc, shift-immediate additions (as in gen_vectors.c)
shadd v0.16b, v1.16b, v2.16b
uhadd v0.8h, v1.8h, v2.8h
srhadd v0.4s, v1.4s, v2.4s
urhadd v0.8b, v1.8b, v2.8b
shsub v0.4h, v1.4h, v2.4h
uhsub v0.2s, v1.2s, v2.2s
saba v0.8h, v1.8h, v2.8h
uaba v0.16b, v1.16b, v2.16b
uaba v0.4s, v1.4s, v2.4s
pmul v0.16b, v1.16b, v2.16b
pmul v0.8b, v1.8b, v2.8b
srshl v0.16b, v1.16b, v2.16b
urshl v0.8h, v1.8h, v2.8h
srshl v0.2d, v1.2d, v2.2d
urshl v0.4s, v1.4s, v2.4s
sqshl v0.8b, v1.8b, v2.8b
uqshl v0.4s, v1.4s, v2.4s
sqshl v0.2d, v1.2d, v2.2d
uqshl v0.8h, v1.8h, v2.8h
sqrshl v0.4h, v1.4h, v2.4h
uqrshl v0.16b, v1.16b, v2.16b
sqrshl v0.2d, v1.2d, v2.2d
uqrshl v0.2s, v1.2s, v2.2s
sqdmulh v0.8h, v1.8h, v2.8h
sqdmulh v0.2s, v1.2s, v2.2s
sqrdmulh v0.4h, v1.4h, v2.4h
sqrdmulh v0.4s, v1.4s, v2.4s
sabal v0.8h, v1.8b, v2.8b
uabal2 v0.4s, v1.8h, v2.8h
sabdl2 v0.2d, v1.4s, v2.4s
uabdl v0.8h, v1.8b, v2.8b
subhn v0.8b, v1.8h, v2.8h
subhn2 v0.4s, v1.2d, v2.2d
rsubhn v0.4h, v1.4s, v2.4s
rsubhn2 v0.16b, v1.8h, v2.8h
smlsl v0.4s, v1.4h, v2.4h
umlsl2 v0.8h, v1.16b, v2.16b
umlsl v0.2d, v1.2s, v2.2s
pmull v0.8h, v1.8b, v2.8b
pmull2 v0.8h, v1.16b, v2.16b
sqdmull v0.4s, v1.4h, v2.4h
sqdmull2 v0.2d, v1.4s, v2.4s
sqdmlal v0.4s, v1.4h, v2.4h
sqdmlal2 v0.2d, v1.4s, v2.4s
sqdmlsl v0.2d, v1.2s, v2.2s
sqdmlsl2 v0.4s, v1.8h, v2.8h
saddlp v0.4h, v1.8b
uaddlp v0.4s, v1.8h
saddlp v0.2d, v1.4s
sadalp v0.8h, v1.16b
uadalp v0.1d, v1.2s
uadalp v0.2s, v1.4h
clz v0.16b, v1.16b
clz v0.4h, v2.4h
clz v0.4s, v1.4s
cls v0.8b, v1.8b
cls v0.8h, v2.8h
cls v0.2s, v1.2s
sqabs v0.8h, v1.8h
sqabs v0.2d, v1.2d
sqneg v0.4s, v1.4s
sqneg v0.16b, v1.16b
suqadd v0.16b, v1.16b
suqadd v0.2d, v1.2d
usqadd v0.4h, v1.4h
usqadd v0.4s, v1.4s
shll v0.8h, v1.8b, #8
shll2 v0.4s, v1.8h, #16
shll v0.2d, v1.2s, #32
fcmeq v0.4s, v1.4s, #0.0
fcmge v0.2d, v1.2d, #0.0
fcmgt v0.2s, v1.2s, #0.0
fcmle v0.4s, v1.4s, #0.0
fcmlt v0.2d, v1.2d, #0.0
srshr v0.16b, v1.16b, #3
urshr v0.4s, v1.4s, #32
srshr v0.2d, v1.2d, #1
urshr v0.8h, v1.8h, #9
srsra v0.4h, v1.4h, #16
ursra v0.2d, v1.2d, #64
ursra v0.8b, v1.8b, #1
sqshl v0.16b, v1.16b, #3
sqshl v0.2d, v1.2d, #0
uqshl v0.8h, v1.8h, #15
uqshl v0.2s, v1.2s, #1
sqshlu v0.4s, v1.4s, #7
sqshlu v0.8b, v1.8b, #0
sqshrn v0.8b, v1.8h, #1
sqshrn2 v0.8h, v1.4s, #16
sqrshrn v0.2s, v1.2d, #32
sqrshrn2 v0.16b, v1.8h, #4
uqshrn v0.4h, v1.4s, #3
uqshrn2 v0.4s, v1.2d, #1
uqrshrn v0.8b, v1.8h, #8
uqrshrn2 v0.8h, v1.4s, #13
sqshrun v0.4h, v1.4s, #2
sqshrun2 v0.4s, v1.2d, #20
sqrshrun v0.8b, v1.8h, #5
sqrshrun2 v0.16b, v1.8h, #1
cls v31.4h, v0.4h
sqneg v5.2d, v6.2d
uaddlp v1.1d, v2.2s
srsra v3.2s, v4.2s, #32
sqshrun2 v0.16b, v1.8h, #8
uqrshl v7.2d, v8.2d, v9.2d
pmul v0.8b, v31.8b, v30.8b
ld2 {v0.s, v1.s}[1], [x0]
ld3 {v30.b, v31.b, v0.b}[15], [x1], #3
ld4 {v0.d, v1.d, v2.d, v3.d}[1], [x2], x3
st2 {v4.h, v5.h}[7], [sp]
st4 {v0.s, v1.s, v2.s, v3.s}[3], [x0], #16
ld2r {v0.4s, v1.4s}, [x0]
ld3r {v0.8b, v1.8b, v2.8b}, [x0], #3
ld4r {v0.2d, v1.2d, v2.2d, v3.2d}, [x0], x5
ld1r {v31.1d}, [x0]
st3 {v0.s, v1.s, v2.s}[2], [x1], #12
ld4r {v0.2s-v3.2s}, [x1], #16
fmaxnmp v0.4s, v1.4s, v2.4s
fminnmp v0.2d, v1.2d, v2.2d
facge v0.4s, v1.4s, v2.4s
facgt v0.2s, v1.2s, v3.2s
fmulx v0.2d, v1.2d, v3.2d
tbl v0.8b, {v1.16b, v2.16b, v3.16b}, v0.8b
tbx v0.16b, {v30.16b, v31.16b, v0.16b, v1.16b}, v2.16b
umaxv h0, v1.4h
uminv s0, v1.4s
saddlv d0, v1.4s
ld3 {v0.4s, v1.4s, v2.4s}, [x1]
st4 {v0.2s, v1.2s, v2.2s, v3.2s}, [x1], x3
scvtf v0.4s, v1.4s, #1
ucvtf v0.2d, v1.2d, #64
scvtf v0.2d, v1.2d, #13
ucvtf v0.2s, v1.2s, #32
fcvtzs v0.4s, v1.4s, #3
fcvtzu v0.2d, v1.2d, #1
fcvtzs v0.2d, v1.2d, #64
fcvtzu v0.2s, v1.2s, #32
