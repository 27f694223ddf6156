#!/usr/bin/perl
# The nginx test files again, against nginx built from Debian's source
# under AddressSanitizer with the module linked statically (t/asan):
# any AddressSanitizer or LeakSanitizer report fails the test file that
# caused it (LLMTest's log check).  Building takes about a minute and
# needs Debian's source package (t/asan/build.sh).

use strict;
use warnings;
use Test::More;
use FindBin;

my $top = "$FindBin::Bin/..";

my $bin = `cd $top && t/asan/build.sh 2>&1`;
my $rc = $? >> 8;
is($rc, 0, 'static ASan nginx built') or BAIL_OUT("t/asan/build.sh:\n$bin");
($bin) = $bin =~ /(\S+)\s*\z/;
ok(-x $bin, "binary $bin");

# the nginx-facing tests; the unit, mock, fuzz and bench files have their
# own sanitizer runs or need no nginx
my @files = grep { !m{/(0\d|70|90)-} } glob("$top/t/*.t");
ok(@files >= 15, scalar(@files) . ' test files');

$ENV{TEST_NGINX_BINARY} = $bin;
$ENV{TEST_NGINX_MODULE} = '';
$ENV{TEST_LLM_ASAN} = 1;
$ENV{ASAN_OPTIONS} = 'detect_leaks=1:abort_on_error=0:log_exe_name=1';
$ENV{LSAN_OPTIONS} = "suppressions=$top/t/asan/lsan.supp:print_suppressions=0";

my $out = `cd $top && prove -I t/lib -j2 @files 2>&1`;
$rc = $? >> 8;
my @summary = grep { /^(Files=|Result:|t\/.*(Wstat|Failed))/ } split /\n/, $out;
diag($_) for @summary;
is($rc, 0, 'every nginx test passes under ASan, no sanitizer report')
    or diag(join "\n", grep { /not ok|Sanitizer|SUMMARY/ } split /\n/, $out);

done_testing();
