#!/usr/bin/perl
# Writes the seed corpus of every fuzz target from the test fixtures
# (t/cases, t/stream-cases) into <out>/<target>/, one file per input.
#
#   perl t/fuzz/seeds.pl <out dir>

use strict;
use warnings;
use JSON::PP;
use File::Path qw(make_path);
use File::Basename qw(dirname);
use Cwd qw(abs_path);

my $out = shift or die "usage: $0 <out dir>\n";
my $top = abs_path(dirname(abs_path($0)) . '/../..');
my %dial = (openai => 0, anthropic => 1, gemini => 2);
my $n = 0;

sub slurp { open my $f, '<:raw', $_[0] or return undef; local $/; <$f> }

sub put {
    my ($target, $name, $data) = @_;
    make_path("$out/$target");
    $name =~ s{[^A-Za-z0-9_.-]}{_}g;
    open my $f, '>:raw', "$out/$target/$name" or die "$out/$target/$name: $!\n";
    print $f $data;
    close $f;
    $n++;
}

for my $case (glob("$top/t/cases/*/*/case.json")) {
    my $dir = dirname($case);
    my ($name) = $dir =~ m{t/cases/(.*)$};
    my $c = eval { decode_json(slurp($case)) } or next;
    my $in = slurp("$dir/input.json") // slurp("$dir/input.txt") // next;
    my $op = $c->{op} // '';
    if ($op eq 'request') {
        put("fuzz_request_$c->{client}", $name, $in);
    } elsif ($op eq 'response') {
        put("fuzz_response_$c->{upstream}", $name, $in);
    } elsif ($op eq 'error') {
        my $st = $c->{status} // 500;
        put('fuzz_error', $name, pack('CnC', $dial{$c->{upstream}} // 0,
                                      $st - 300, $c->{retry_after} // 0) . $in);
    }
    put('fuzz_json', $name, $in);
    my $rq = slurp("$dir/request.json");
    put("fuzz_request_$c->{client}", "$name.request", $rq) if defined $rq;
}

for my $sse (glob("$top/t/stream-cases/from-*/*/*.sse")) {
    my ($from, $case, $file) = $sse =~ m{from-(\w+)/([^/]+)/([^/]+)\.sse$};
    my $data = slurp($sse);
    put('fuzz_sse', "$from-$case-$file", $data);
    put("fuzz_stream_$from", "$case", $data) if $file eq 'input';
    # a stream translated to dialect X is what an upstream of X sends
    if ($file =~ /^to-(\w+)$/) {
        put("fuzz_stream_$1", "from-$from-$case", $data);
    }
}

my @paths = qw(
    /v1/chat/completions /v1/messages /v1/models /v1/models/gpt-4o
    /v1beta/models/gemini-2.5-flash:generateContent
    /v1beta/models/gemini-2.5-flash:streamGenerateContent
    /v1beta/models/gemini-2.5-flash:countTokens /v1/messages/count_tokens
    /v1/models/gemini-2.0-flash-001:generateContent
    /v1beta/models/..%2F..%2Fadmin:generateContent
    /v1beta/models/../x:generateContent
    gemini-2.5-flash claude-sonnet-4-5@20250929 gpt-4o-mini
    Qwen2.5-7B-Instruct
);
put('fuzz_path', sprintf('path%02d', $_), $paths[$_]) for 0 .. $#paths;

print "seeds: $n files in $out\n";
