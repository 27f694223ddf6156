#!/usr/bin/perl
# Runs every core unit test binary (t/unit/*.c, built by "make unit") and
# reports each as a subtest, so that prove counts their failures.

use strict;
use warnings;
use Test::More;
use FindBin;

my $top = "$FindBin::Bin/..";
my $build = $ENV{LLM_UNIT_BUILD} || "$top/build";

system("make", "-s", "-C", $top, "unit") == 0
    or BAIL_OUT("make unit failed");

my @bins = map { s{.*/}{}r =~ s{\.c$}{}r } glob("$top/t/unit/*.c");
ok(@bins, "unit test programs exist");

for my $bin (@bins) {
    subtest $bin => sub {
        my @args = ($bin eq "run_cases" || $bin eq "test_relay_check")
                   ? ("$top/t/cases") : ();
        my $out = `cd $top && $build/unit/$bin @args 2>&1`;
        my $rc = $? >> 8;
        my ($n, $fail) = (0, 0);
        for my $line (split /\n/, $out) {
            if ($line =~ /^(not )?ok \d+ - (.*)$/) {
                $n++;
                ok(!$1, $2);
                $fail++ if $1;
            } elsif ($line =~ /^#/) {
                diag($line) if $fail;
            }
        }
        ok($n > 0, "$bin ran tests");
        is($rc, 0, "$bin exit status");
        done_testing();
    };
}

done_testing();
