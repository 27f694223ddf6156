#!/usr/bin/perl
# The core under sanitizers: the unit tests (t/unit) built with
# AddressSanitizer + UndefinedBehaviorSanitizer ("make unit SAN=1") and
# run under valgrind (the plain build); then the fuzz smoke run: every
# libFuzzer target (t/fuzz) over its regression inputs and for a few
# seconds from the fixture seeds.  Any sanitizer report, valgrind error
# or leak, or fuzz finding fails the test.
#
# LLM_SAN_SKIP_VALGRIND=1, LLM_SAN_SKIP_FUZZ=1 skip parts;
# LLM_FUZZ_SMOKE_TIME (default 2) is the seconds per fuzz target.

use strict;
use warnings;
use Test::More;
use FindBin;

my $top = "$FindBin::Bin/..";
chdir $top or die "$top: $!";

plan skip_all => 'clang not installed' unless system("sh -c 'command -v clang' >/dev/null 2>&1") == 0;

my %args = (run_cases => 't/cases');
my @bins = map { s{.*/}{}r =~ s{\.c$}{}r } glob("t/unit/*.c");

sub run_tap {
    my ($name, $cmd, %o) = @_;
    my $out = `$cmd 2>&1`;
    my $rc = $? >> 8;
    my @notok = grep { /^not ok/ } split /\n/, $out;
    my @san = grep { /ERROR: (Address|Leak)Sanitizer|runtime error:|==\d+== (Invalid|Conditional|Use of|Mismatched|\d+ bytes in)/ }
              split /\n/, $out;
    ok($rc == 0 && !@notok && !@san, $name)
        or diag(join "\n", "exit $rc", @notok[0 .. ($#notok > 5 ? 5 : $#notok)],
                @san[0 .. ($#san > 10 ? 10 : $#san)], substr($out, -1500));
}

# --- ASan + UBSan

is(system("make -s SAN=1 unit >/dev/null 2>&1"), 0, 'make unit SAN=1')
    or BAIL_OUT('sanitizer build failed');

{
    local $ENV{ASAN_OPTIONS} = 'detect_leaks=1:abort_on_error=0';
    local $ENV{UBSAN_OPTIONS} = 'print_stacktrace=1:halt_on_error=1';
    for my $b (@bins) {
        run_tap("$b under ASan+UBSan", "build/san/unit/$b " . ($args{$b} // ''));
    }
}

# --- valgrind (memcheck, leaks: definite and indirect are errors)

SKIP: {
    skip 'valgrind skipped', scalar @bins
        if $ENV{LLM_SAN_SKIP_VALGRIND} || system("sh -c 'command -v valgrind' >/dev/null 2>&1") != 0;
    is(system("make -s unit >/dev/null 2>&1"), 0, 'make unit');
    local $ENV{LLM_STREAM_QUICK} = 1;      # the long-stream loops are for ASan
    local $ENV{LLM_MEMO_QUICK} = 16;       # every 16th fixture value
    local $ENV{LLM_STREAM_BENCH} = 0;
    for my $b (@bins) {
        # test_stream takes minutes under memcheck even in quick mode:
        # LLM_SAN_VALGRIND_ALL=1 runs it too (reliability.md has the figures)
        if ($b eq 'test_stream' && !$ENV{LLM_SAN_VALGRIND_ALL}) {
            pass("$b under valgrind: skipped in CI (LLM_SAN_VALGRIND_ALL=1)");
            next;
        }
        run_tap("$b under valgrind",
                "valgrind -q --error-exitcode=99 --leak-check=full "
                . "--errors-for-leak-kinds=definite,indirect "
                . "build/unit/$b " . ($args{$b} // ''));
    }
}

# --- fuzz smoke: regression inputs, then a few seconds per target

SKIP: {
    skip 'fuzz smoke skipped', 2 if $ENV{LLM_SAN_SKIP_FUZZ};
    my $out = `make -s fuzz-build 2>&1`;
    is($?, 0, 'fuzz targets build') or diag($out);
    my @targets = map { s{.*/}{}r } grep { -x } glob('build/fuzz/bin/fuzz_*');
    ok(@targets >= 12, 'twelve fuzz targets') or diag("@targets");
    my $secs = $ENV{LLM_FUZZ_SMOKE_TIME} // 2;
    for my $t (@targets) {
        my @reg = glob("t/fuzz/regress/$t/*");
        if (@reg) {
            my $r = `build/fuzz/bin/$t -runs=1 @reg 2>&1`;
            ok($? == 0, "$t: " . scalar(@reg) . ' regression inputs')
                or diag(join "\n", grep { /INVARIANT|ERROR|SUMMARY|runtime error|^\s+#[0-9] / }
                                   (split /\n/, $r)[0 .. 60]);
        }
        system("rm -rf build/fuzz/smoke/$t && mkdir -p build/fuzz/smoke/$t") == 0 or die;
        system("perl t/fuzz/seeds.pl build/fuzz/smoke-seed >/dev/null") == 0 or die
            unless -d 'build/fuzz/smoke-seed';
        my $seed = -d "build/fuzz/smoke-seed/$t" ? "build/fuzz/smoke-seed/$t" : '';
        my $r = `cd build/fuzz/smoke/$t && ../../bin/$t -max_total_time=$secs -max_len=16384 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -dict=../../../../t/fuzz/llm.dict . ../../../../$seed 2>&1`;
        my ($execs) = $r =~ /stat::number_of_executed_units:\s*(\d+)/;
        ok($? == 0, "$t: ${secs}s fuzz smoke, " . ($execs // '?') . ' executions')
            or diag(join "\n", grep { /INVARIANT|ERROR|SUMMARY|runtime error|^\s+#[0-9] / }
                               (split /\n/, $r)[-80 .. -1]);
    }
    system('rm -rf build/fuzz/smoke-seed');
}

done_testing();
