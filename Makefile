# The two entry points the README opens with, plus a few conveniences.
SWIFT_RELEASE = -c release
TEST_FLAGS = -c release -Xswiftc -enable-testing

.PHONY: setup build lessons test gallery bench fuzz clean

setup:
	bash scripts/setup.sh

build: setup
	swift build $(SWIFT_RELEASE)

## Set up, build in release mode and regenerate every lesson into output/, slides included.
lessons: build
	.build/release/lessonbook render --report md,html,slides

## Set up and run the whole test suite (release build, so lessons render quickly).
test: setup
	swift build $(TEST_FLAGS) --build-tests
	swift test $(TEST_FLAGS) --skip-build

## Draw one figure per plotting feature into output/gallery/.
gallery: build
	.build/release/lessonbook gallery

## The benchmark workloads of the shared bench, as JSON lines.
bench: build
	.build/release/lessonbook bench --json

## Coverage-guided fuzzing of the parsers (libFuzzer), FUZZ_SECONDS per target.
FUZZ_SECONDS ?= 30
fuzz: setup
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz.sh

clean:
	rm -rf .build .build-fuzz .lessonbook-cache output/quick
