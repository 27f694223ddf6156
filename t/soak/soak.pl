#!/usr/bin/perl
# A long soak: the gateway in front of the mock providers under wrk with
# a mix of translated, same-dialect, streamed and bad requests, with the
# worker's RSS sampled before, during and after.
#
#   perl t/soak/soak.pl [seconds]        (default 300)
#
# Bounded in time, 127.0.0.1 only.

use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Test::More;
use LLMTest;

my $secs = shift // 300;

my $t = LLMTest->new(workers => 1, log_level => 'warn');
$t->start_mock();
$t->write_config(<<'EOF');
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    access_log off;
    upstream openai_up    { server 127.0.0.1:%%MOCK_PORT%%; llm_provider openai; keepalive 32; }
    upstream anthropic_up { server 127.0.0.1:%%MOCK_PORT%%; llm_provider anthropic; keepalive 32; }
    upstream gemini_up    { server 127.0.0.1:%%MOCK_PORT%%; llm_provider gemini; keepalive 32; }
    server {
        listen 127.0.0.1:%%PORT_1%%;
        location / {
            llm_translate on;
            llm_route gpt-*    openai_up;
            llm_route claude-* anthropic_up;
            llm_route gemini-* gemini_up;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Authorization "Bearer sk-soak";
            proxy_set_header x-api-key sk-soak;
            proxy_set_header x-goog-api-key sk-soak;
            proxy_pass http://$llm_upstream;
        }
    }
}
EOF
$t->run;

sub rss {
    my ($pid) = $t->worker_pids;
    open my $fh, '<', "/proc/$pid/status" or return -1;
    while (<$fh>) { return $1 if /^VmRSS:\s+(\d+)/ }
    return -1;
}

my $url = 'http://127.0.0.1:' . $t->port(1);
system("wrk -t2 -c32 -d10s -s $FindBin::Bin/mixed.lua $url >/dev/null 2>&1");
my $rss0 = rss();
diag("warm-up done, worker RSS $rss0 kB; soaking for ${secs}s");

my $out = `wrk -t2 -c32 -d${secs}s --timeout 10s -s $FindBin::Bin/mixed.lua $url 2>&1`;
my $rss1 = rss();
diag($out);
my ($n) = $out =~ /requests (\d+),/;
diag(sprintf 'requests %d, worker RSS %d kB -> %d kB (%+d kB)', $n // 0,
     $rss0, $rss1, $rss1 - $rss0);

ok($n && $n > 0, 'requests were served');
my ($read, $status) = $out =~ /read (\d+) write \d+ timeout \d+ status (\d+)/;
is($read, 0, 'no read errors (no dropped connection)');
# two of the nine requests in t/soak/mixed.lua are bad on purpose
my $bad = $n ? $status / $n : 1;
ok($bad > 0.20 && $bad < 0.25,
   sprintf('only the bad requests failed (%.1f%% of responses, 22.2%% '
           . 'expected)', 100 * $bad));
cmp_ok($rss1 - $rss0, '<', 4096, 'worker RSS flat');
$t->done_testing;
