# Hand-written x86-64 forms for the decode vectors (AT&T syntax, assembled by gcc).
	.text
	.globl f
f:
	# addressing modes
	mov (%rax),%eax
	mov (%rsp),%eax
	mov (%rbp),%eax
	mov (%r12),%eax
	mov (%r13),%eax
	mov 8(%rax),%rcx
	mov -8(%rbp),%rcx
	mov 0x12345678(%rax),%rcx
	mov -0x12345678(%rax),%rcx
	mov (%rax,%rbx,1),%edx
	mov (%rax,%rbx,2),%edx
	mov (%rax,%rbx,4),%edx
	mov (%rax,%rbx,8),%edx
	mov 0x10(%rax,%r9,8),%r10
	mov (%r8,%r15,4),%r11d
	mov (,%rax,8),%rdx
	mov 0x100(,%rax,8),%rdx
	mov -0x100(,%r11,2),%rdx
	mov 0x1234,%eax
	mov 0x1234(%rip),%eax
	mov -0x10(%rip),%rax
	lea 0x10(%rip),%rsi
	mov %fs:0x28,%rax
	mov %fs:0,%rax
	mov %gs:(%rax),%rcx
	mov %fs:(%rbx,%rcx,8),%edx
	addr32 mov (%eax),%ecx
	mov (%eax,%ebx,4),%ecx
	lea (%esi),%eax
	# sizes
	mov %al,%bl
	mov %ah,%bh
	mov %sil,%dil
	mov %r8b,%r9b
	mov %ax,%bx
	mov %r8w,(%rax)
	movb $0x12,(%rax)
	movw $0x1234,(%rax)
	movl $0x12345678,(%rax)
	movq $-1,(%rax)
	movabs $0x123456789abcdef0,%rax
	mov $0x12345678,%r9d
	mov $-1,%rax
	movabs 0x1122334455667788,%al
	movabs 0x1122334455667788,%eax
	movabs %rax,0x1122334455667788
	movzbl %al,%eax
	movzbw %al,%ax
	movzwl (%rax),%ecx
	movzbq %r9b,%r10
	movsbl %ah,%eax
	movswq (%rbx),%rax
	movslq %eax,%rdx
	movslq (%rdi),%r8
	cltq
	cwtl
	cbtw
	cltd
	cqto
	cwtd
	# ALU
	add %eax,%ebx
	add (%rax),%rbx
	add %rbx,(%rax)
	addb $1,(%rax)
	addl $0x1000,(%rax)
	addq $-0x80,(%rax)
	add $0x7f,%al
	add $0x1234,%ax
	add $0x12345678,%eax
	add $0x12345678,%rax
	add $-2,%r12
	adc $1,%ecx
	sbb %eax,%eax
	sub $8,%rsp
	and $-16,%rsp
	or $1,%cl
	xor %r9d,%r9d
	cmp $0xff,%bl
	cmpb $0,(%rdi)
	cmpq $0,0x8(%rdi)
	test %eax,%eax
	test $1,%al
	testb $0x80,1(%rax)
	test $0x12345678,%rax
	inc %eax
	dec %r8
	incl (%rax)
	decq 8(%rax)
	neg %rax
	not %ecx
	negb (%rax)
	mul %rcx
	imul %rcx
	div %rcx
	idiv %rcx
	divl (%rax)
	imul %ecx,%eax
	imul $10,%ecx,%eax
	imul $1000,%rcx,%rax
	imul (%rax),%rdx
	mulb %cl
	# shifts
	shl %eax
	shl $2,%eax
	shl %cl,%eax
	shr $63,%rax
	sar %cl,%rdx
	sarb (%rax)
	rol $3,%bx
	ror %cl,%r10
	rcl %eax
	rcr $5,%al
	shld $4,%eax,%ebx
	shld %cl,%rax,%rbx
	shrd $4,%rax,%rbx
	shrd %cl,%eax,(%rdi)
	sal %edx
	# bits
	bt %eax,%ebx
	bt $5,%rcx
	bts %rax,(%rdi)
	btr $3,%eax
	btc %edx,%ecx
	bsf %eax,%ecx
	bsr %rax,%rcx
	tzcnt %eax,%ecx
	lzcnt %rax,%rcx
	popcnt %rdi,%rax
	popcnt %di,%ax
	bswap %eax
	bswap %r12
	# cmov setcc jcc
	cmove %eax,%ecx
	cmovne (%rax),%rdx
	cmovb %ax,%cx
	cmovg %r8,%r9
	sete %al
	setne (%rax)
	setg %r10b
	seta %sil
	# stack and control
	push %rbp
	push %r15
	pop %rbx
	pop %r12
	push $1
	push $0x12345678
	pushq (%rax)
	popq 8(%rsp)
	pushw $1
	pushf
	popf
	enter $16,$0
	leave
	ret
	ret $8
	call *%rax
	call *8(%rax)
	call *%r11
	jmp *%rax
	jmp *(%rax,%rbx,8)
	notrack jmp *%rax
	bnd jmp *%rax
	# xchg etc
	xchg %eax,%ebx
	xchg %rax,%r8
	xchg %ecx,(%rax)
	xchg %al,%cl
	nop
	pause
	lock cmpxchg %ecx,(%rdi)
	lock cmpxchg %rcx,(%rdi)
	lock xadd %eax,(%rdi)
	lock addl $1,(%rdi)
	lock incq (%rdi)
	lock cmpxchg16b (%rdi)
	lock cmpxchg8b (%rdi)
	cmpxchg %bl,%cl
	xadd %rax,%rbx
	lock orq $0,(%rsp)
	lock bts %eax,(%rdi)
	# strings
	movsb
	movsl
	movsq
	movsw
	rep movsb
	rep movsq
	rep stosb
	rep stosq
	rep stosl
	stos %al,%es:(%rdi)
	lodsb
	lodsq
	repz cmpsb
	repnz scasb
	scasl
	cmpsq
	# misc
	cld
	std
	clc
	stc
	cmc
	sahf
	lahf
	syscall
	cpuid
	rdtsc
	rdtscp
	ud2
	int3
	int $0x80
	hlt
	endbr64
	nopl 0(%rax)
	nopw 0(%rax,%rax,1)
	nopl 0(%rax,%rax,1)
	.byte 0x66,0x66,0x2e,0x0f,0x1f,0x84,0,0,0,0,0
	.byte 0x2e,0x48,0x8b,0x00
	.byte 0x3e,0x48,0x8b,0x00
	.byte 0x26,0x89,0x00
	.byte 0xf3,0xc3
	.byte 0xf2,0xe8,0,0,0,0
	.byte 0x66,0x90
	.byte 0x41,0x90
	xchg %ax,%ax
	prefetcht0 (%rax)
	prefetchnta 8(%rax)
	mfence
	lfence
	sfence
	clflush (%rax)
	xlat
	movbe (%rax),%ecx
	movbe %rcx,(%rax)
	crc32b %al,%ecx
	crc32q %rax,%rcx
	crc32l (%rax),%ecx
	rdrand %eax
	rdfsbase %rax
	wrfsbase %rax
	xgetbv
	# x87
	fldt (%rax)
	fstpt (%rax)
	flds (%rax)
	fldl (%rax)
	fstps (%rax)
	fstpl 8(%rsp)
	fld %st(1)
	fstp %st(0)
	fstp %st(1)
	fxch %st(1)
	fadd %st(1),%st
	fadd %st,%st(1)
	faddp %st,%st(1)
	fsub %st(1),%st
	fsub %st,%st(1)
	fsubp %st,%st(1)
	fsubrp %st,%st(1)
	fdivp %st,%st(2)
	fdivrp %st,%st(2)
	fmulp %st,%st(1)
	fildl (%rax)
	fildll (%rax)
	filds (%rax)
	fistpll (%rax)
	fistpl (%rax)
	fisttpll (%rax)
	fnstcw (%rax)
	fldcw (%rax)
	fnstsw %ax
	fucomi %st(1),%st
	fucomip %st(1),%st
	fcomip %st(1),%st
	fxam
	fchs
	fabs
	fldz
	fld1
	fsqrt
	frndint
	fscale
	fprem
	fcmove %st(1),%st
	fcmovnbe %st(2),%st
	fwait
	nop
	faddl (%rax)
	fmuls (%rax)
	fdivrl (%rax)
	fcompl (%rax)
	fucompp
	# SSE
	movaps %xmm0,%xmm1
	movaps (%rax),%xmm8
	movaps %xmm15,(%rax)
	movups (%rdi),%xmm0
	movupd %xmm1,(%rdi)
	movdqa (%rsi),%xmm1
	movdqu %xmm2,0x10(%rdi)
	movss (%rax),%xmm0
	movss %xmm0,%xmm1
	movsd %xmm0,(%rax)
	# MMX and the mm forms of SSE/SSSE3
	movd %eax,%mm0
	movd (%rax),%mm7
	movd %mm3,%r9d
	movd %mm1,0x10(%rsp)
	movq %rax,%mm2
	movq %mm5,%r15
	movq %mm0,%mm1
	movq (%r8,%r9,8),%mm6
	movq %mm4,-0x8(%rbp)
	paddb %mm1,%mm0
	paddw (%rdi),%mm3
	paddd %mm7,%mm7
	paddq %mm2,%mm1
	paddsb %mm0,%mm1
	paddsw %mm0,%mm1
	paddusb %mm0,%mm1
	paddusw (%rax),%mm1
	psubb %mm0,%mm1
	psubw %mm0,%mm1
	psubd %mm0,%mm1
	psubq %mm0,%mm1
	psubsb %mm0,%mm1
	psubsw %mm0,%mm1
	psubusb %mm0,%mm1
	psubusw %mm0,%mm1
	pmullw %mm0,%mm1
	pmulhw %mm0,%mm1
	pmulhuw %mm0,%mm1
	pmuludq %mm0,%mm1
	pmaddwd %mm0,%mm1
	pcmpeqb %mm0,%mm1
	pcmpeqw %mm0,%mm1
	pcmpeqd %mm0,%mm1
	pcmpgtb %mm0,%mm1
	pcmpgtw %mm0,%mm1
	pcmpgtd (%rax),%mm1
	packsswb %mm0,%mm1
	packssdw %mm0,%mm1
	packuswb %mm0,%mm1
	punpcklbw %mm0,%mm1
	punpcklwd (%rax),%mm1
	punpckldq %mm0,%mm1
	punpckhbw %mm0,%mm1
	punpckhwd %mm0,%mm1
	punpckhdq %mm0,%mm1
	pand %mm0,%mm1
	pandn %mm0,%mm1
	por %mm0,%mm1
	pxor %mm1,%mm1
	psllw %mm0,%mm1
	psllw $3,%mm1
	pslld (%rax),%mm1
	pslld $31,%mm2
	psllq $63,%mm3
	psrlw $15,%mm4
	psrld %mm0,%mm5
	psrlq $1,%mm6
	psraw $4,%mm7
	psrad %mm1,%mm0
	emms
	pshufw $0x1b,%mm0,%mm1
	pshufw $0xe4,(%rax),%mm1
	pavgb %mm0,%mm1
	pavgw %mm0,%mm1
	pminub %mm0,%mm1
	pmaxub %mm0,%mm1
	pminsw %mm0,%mm1
	pmaxsw %mm0,%mm1
	psadbw %mm0,%mm1
	pmovmskb %mm3,%eax
	pextrw $2,%mm1,%ecx
	pinsrw $3,%edx,%mm2
	pinsrw $1,(%rax),%mm2
	movntq %mm0,(%rdi)
	maskmovq %mm1,%mm2
	pshufb %mm0,%mm1
	palignr $3,%mm0,%mm1
	phaddw %mm0,%mm1
	phaddd %mm0,%mm1
	phaddsw %mm0,%mm1
	phsubw %mm0,%mm1
	phsubd %mm0,%mm1
	phsubsw %mm0,%mm1
	pabsb %mm0,%mm1
	pabsw %mm0,%mm1
	pabsd (%rax),%mm1
	psignb %mm0,%mm1
	psignw %mm0,%mm1
	psignd %mm0,%mm1
	pmulhrsw %mm0,%mm1
	pmaddubsw %mm0,%mm1
	movsd 8(%rsp),%xmm3
	movd %eax,%xmm0
	movd %xmm0,%eax
	movq %rax,%xmm0
	movq %xmm0,%rax
	movq (%rax),%xmm0
	movq %xmm0,(%rax)
	movq %xmm1,%xmm2
	movd (%rax),%xmm1
	movhps (%rax),%xmm1
	movlps %xmm1,(%rax)
	movhlps %xmm1,%xmm2
	movlhps %xmm1,%xmm2
	movlpd (%rax),%xmm1
	movhpd %xmm1,(%rax)
	addsd %xmm1,%xmm0
	addss (%rax),%xmm0
	subsd %xmm1,%xmm0
	mulsd %xmm1,%xmm0
	divsd %xmm1,%xmm0
	sqrtsd %xmm1,%xmm0
	minsd %xmm1,%xmm0
	maxss %xmm1,%xmm0
	addps %xmm1,%xmm0
	mulpd %xmm1,%xmm0
	andps %xmm1,%xmm0
	andpd %xmm1,%xmm0
	andnpd %xmm1,%xmm0
	orpd %xmm1,%xmm0
	xorps %xmm0,%xmm0
	xorpd %xmm1,%xmm1
	ucomisd %xmm1,%xmm0
	comisd (%rax),%xmm0
	ucomiss %xmm1,%xmm0
	cvtsi2sd %eax,%xmm0
	cvtsi2sd %rax,%xmm0
	cvtsi2sdl (%rax),%xmm0
	cvtsi2sdq (%rax),%xmm0
	cvtsi2ss %eax,%xmm0
	cvttsd2si %xmm0,%eax
	cvttsd2si %xmm0,%rax
	cvtsd2si %xmm0,%rax
	cvttss2si %xmm0,%eax
	cvtss2sd %xmm0,%xmm1
	cvtsd2ss %xmm0,%xmm1
	cvtdq2pd %xmm0,%xmm1
	cvtdq2ps %xmm0,%xmm1
	cvttpd2dq %xmm0,%xmm1
	cmpeqsd %xmm1,%xmm0
	cmpltsd %xmm1,%xmm0
	cmpnlepd %xmm1,%xmm0
	cmpordps %xmm1,%xmm0
	shufps $0x1b,%xmm1,%xmm0
	shufpd $1,%xmm1,%xmm0
	unpcklps %xmm1,%xmm0
	unpcklpd %xmm1,%xmm0
	unpckhpd %xmm1,%xmm0
	pxor %xmm1,%xmm1
	pand %xmm1,%xmm0
	pandn %xmm1,%xmm0
	por (%rax),%xmm0
	pcmpeqb (%rdi),%xmm1
	pcmpeqd %xmm1,%xmm0
	pcmpgtb %xmm1,%xmm0
	pmovmskb %xmm1,%eax
	pminub %xmm1,%xmm0
	pmaxub %xmm1,%xmm0
	psubb %xmm1,%xmm0
	paddb %xmm1,%xmm0
	paddq %xmm1,%xmm0
	paddd %xmm1,%xmm0
	psadbw %xmm1,%xmm0
	pshufd $0,%xmm1,%xmm0
	pshuflw $0,%xmm1,%xmm0
	punpcklbw %xmm1,%xmm0
	punpcklwd %xmm1,%xmm0
	punpckldq %xmm1,%xmm0
	punpcklqdq %xmm1,%xmm0
	punpckhqdq %xmm1,%xmm0
	psrldq $4,%xmm0
	pslldq $8,%xmm0
	psrlq $32,%xmm0
	psllq $1,%xmm1
	psrad $31,%xmm2
	psrlw $8,%xmm3
	pslld %xmm1,%xmm2
	pshufb %xmm1,%xmm0
	palignr $4,%xmm1,%xmm0
	ptest %xmm1,%xmm0
	pcmpistri $0x1a,(%rdi),%xmm0
	pcmpistri $0x3a,%xmm1,%xmm0
	pminud %xmm1,%xmm0
	pcmpeqq %xmm1,%xmm0
	pinsrd $1,%eax,%xmm0
	pextrd $1,%xmm0,%eax
	pinsrq $1,%rax,%xmm0
	pextrq $1,%xmm0,%rax
	pextrw $1,%xmm0,%eax
	pinsrw $1,%eax,%xmm0
	pmovzxbw %xmm0,%xmm1
	roundsd $4,%xmm1,%xmm0
	roundss $9,%xmm1,%xmm0
	movmskpd %xmm0,%eax
	movmskps %xmm0,%eax
	movntdq %xmm0,(%rax)
	movnti %eax,(%rdi)
	movnti %rax,(%rdi)
	ldmxcsr (%rax)
	stmxcsr 4(%rsp)
	fxsave (%rax)
	fxrstor64 (%rax)
	xsave (%rax)
	xrstor (%rax)
	xsavec (%rax)
	lddqu (%rax),%xmm0
	movddup %xmm1,%xmm0
	haddpd %xmm1,%xmm0
	pmuludq %xmm1,%xmm0
	pmullw %xmm1,%xmm0
	pmulld %xmm1,%xmm0
	packuswb %xmm1,%xmm0
	packsswb %xmm1,%xmm0
	blendvpd %xmm0,%xmm1,%xmm2
	pblendvb %xmm0,%xmm1,%xmm2
	insertps $0x10,%xmm1,%xmm0
	extractps $1,%xmm0,%eax
	pextrb $1,%xmm0,%eax
	pextrb $1,%xmm0,(%rax)
	pinsrb $1,(%rax),%xmm0
	pinsrb $1,%eax,%xmm0
	sha256rnds2 %xmm0,%xmm1,%xmm2
	aesenc %xmm1,%xmm0
	pclmulqdq $0,%xmm1,%xmm0
	# SSE3, SSE4.1, SSE4.2 forms
	movddup %xmm1,%xmm0
	movddup 8(%rsi),%xmm9
	movshdup (%rax),%xmm2
	movsldup %xmm3,%xmm12
	haddps %xmm1,%xmm0
	haddpd (%rdi),%xmm3
	hsubps %xmm10,%xmm11
	hsubpd %xmm1,%xmm0
	addsubps %xmm1,%xmm0
	addsubpd 16(%rsp),%xmm4
	lddqu (%rsi),%xmm7
	fisttps (%rax)
	fisttpl 4(%rsp)
	fisttpll -8(%rbp)
	ptest %xmm1,%xmm0
	ptest (%rdi),%xmm15
	pblendvb %xmm0,%xmm2,%xmm1
	pblendvb %xmm0,(%rsi),%xmm9
	blendvps %xmm0,%xmm3,%xmm4
	blendvpd %xmm0,%xmm13,%xmm14
	blendps $5,%xmm1,%xmm0
	blendpd $2,(%rax),%xmm1
	pblendw $0xa5,%xmm1,%xmm0
	pminsb %xmm1,%xmm0
	pminsd %xmm1,%xmm0
	pminuw %xmm1,%xmm0
	pminud (%rax),%xmm0
	pmaxsb %xmm1,%xmm0
	pmaxsd %xmm1,%xmm0
	pmaxuw %xmm1,%xmm0
	pmaxud %xmm8,%xmm0
	pmulld %xmm1,%xmm0
	pmuldq %xmm1,%xmm0
	pcmpeqq %xmm1,%xmm0
	packusdw %xmm1,%xmm0
	pmovsxbw %xmm1,%xmm0
	pmovsxbd (%rax),%xmm0
	pmovsxbq %xmm1,%xmm0
	pmovsxwd %xmm1,%xmm0
	pmovsxwq (%rsi),%xmm10
	pmovsxdq %xmm1,%xmm0
	pmovzxbw (%rdi),%xmm0
	pmovzxbd %xmm1,%xmm0
	pmovzxbq 2(%rsi),%xmm0
	pmovzxwd %xmm1,%xmm0
	pmovzxwq %xmm1,%xmm0
	pmovzxdq %xmm11,%xmm0
	pextrb $3,%xmm1,%eax
	pextrb $15,%xmm9,(%rdi)
	pextrw $5,%xmm1,6(%rsi)
	pextrw $6,%xmm1,%r10d
	pextrd $2,%xmm1,%eax
	pextrd $1,%xmm1,(%rax)
	pextrq $1,%xmm1,%rax
	pextrq $0,%xmm12,8(%rsi)
	pinsrb $5,%eax,%xmm0
	pinsrb $15,7(%rsi),%xmm0
	pinsrd $3,%edx,%xmm0
	pinsrd $1,4(%rsi),%xmm0
	pinsrq $1,%rax,%xmm0
	pinsrq $0,(%rsi),%xmm14
	extractps $1,%xmm1,%eax
	extractps $2,%xmm1,12(%rsi)
	insertps $0xd6,%xmm1,%xmm0
	insertps $0x10,8(%rsi),%xmm0
	roundss $9,%xmm1,%xmm0
	roundsd $4,(%rsi),%xmm0
	roundps $1,%xmm1,%xmm0
	roundpd $14,%xmm1,%xmm0
	dpps $0xff,%xmm1,%xmm0
	dppd $0x33,(%rsi),%xmm0
	phminposuw %xmm1,%xmm0
	mpsadbw $5,%xmm1,%xmm0
	movntdqa (%rsi),%xmm0
	pcmpgtq %xmm1,%xmm0
	pcmpistri $0x1a,%xmm1,%xmm0
	pcmpistrm $0x44,(%rsi),%xmm1
	pcmpestri $0x18,(%rsi),%xmm1
	pcmpestrm $0x02,%xmm2,%xmm1
	pcmpestri $0x08,%xmm2,%xmm1
	.byte 0x66,0x48,0x0f,0x3a,0x61,0xca,0x08
	crc32b %dl,%eax
	crc32b %dh,%ecx
	crc32w %dx,%eax
	crc32l %edx,%eax
	crc32q %rdx,%rax
	crc32b %dl,%rax
	crc32w 2(%rsi),%eax
	crc32q 8(%rsi),%r9
	popcnt %rdx,%rax
	popcnt 4(%rsi),%cx
	# branches (targets resolved by the assembler)
1:	jmp 1b
	jmp 2f
	je 1b
	jne 2f
	js 1b
	jg 2f
	jrcxz 1b
	loop 1b
	loope 1b
	loopne 1b
	call 1b
	call 2f
	jmp 3f
	.fill 200,1,0x90
3:	jle 1b
2:	ret
