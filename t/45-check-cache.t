#!/usr/bin/perl
# llm_check_cache_size: each worker remembers the large JSON values (tool
# schemas of 256 bytes and more) it has checked, by their exact bytes,
# from the second time it finds them good, so that the tools an agent
# sends with every request are not checked each time.  The same schema a
# third time is found ($llm_check_cache_hits), relayed and
# translated exactly as the first time (the translated tools too, as
# written the last time); a schema that differs only past
# its first bytes (a key repeated, same length) is still refused in the
# client's dialect; with size 0 nothing is remembered; the directive
# belongs to http{}.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;

my $conf = <<'EOF';
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    %%CACHE%%
    log_format hits '$request_uri $llm_check_cache_hits';
    upstream openai_up    { server 127.0.0.1:%%MOCK_PORT%%; llm_provider openai; }
    upstream anthropic_up { server 127.0.0.1:%%MOCK_PORT%%; llm_provider anthropic; }
    server {
        # relayed, checked from the bytes
        listen 127.0.0.1:%%PORT_1%%;
        access_log %%PREFIX%%/hits.log hits;
        location / {
            llm_translate on;
            llm_route claude-* anthropic_up;
            llm_route default openai_up;
            proxy_set_header Authorization "Bearer sk-provider-openai";
            proxy_set_header x-api-key sk-provider-anthropic;
            proxy_pass http://$llm_upstream;
        }
    }
    server {
        # translated: OpenAI clients to Anthropic
        listen 127.0.0.1:%%PORT_2%%;
        access_log %%PREFIX%%/hits.log hits;
        location / {
            llm_translate on;
            llm_route default anthropic_up;
            proxy_set_header x-api-key sk-provider-anthropic;
            proxy_pass http://$llm_upstream;
        }
    }
}
EOF

sub start {
    my ($cache) = @_;
    my $t = LLMTest->new;
    $t->start_mock;
    $t->write_config($conf =~ s/%%CACHE%%/$cache/r);
    $t->run;
    return $t;
}

my $t = start('');

# a schema of some 400 bytes, and one of the same length and first bytes
# with a key of "properties" repeated near its end
my $long = 'The absolute path of the file to read, within the repository '
         x 5;
my $schema = '{"type":"object","properties":{"path":{"type":"string",'
           . qq("description":"$long"},"mode":{"type":"string"}},)
           . '"required":["path"]}';
(my $repeat = $schema) =~ s/"mode":/"path":/;
cmp_ok(length $schema, '>=', 256, 'the schema is of the size kept');
is(length $repeat, length $schema, 'the repeat: same length');
is(substr($repeat, 0, 300), substr($schema, 0, 300),
   'the repeat: the same first 300 bytes');

sub openai_body {
    my ($s) = @_;
    return '{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],'
         . '"tools":[{"type":"function","function":{"name":"read",'
         . qq("description":"Read a file","parameters":$s}}]});
}

sub anthropic_body {
    my ($s) = @_;
    return '{"model":"claude-x","max_tokens":5,'
         . '"messages":[{"role":"user","content":"hi"}],'
         . '"tools":[{"name":"read","description":"Read a file",'
         . qq("input_schema":$s}]});
}

my %oh = (Authorization => 'Bearer client-key');
my %ah = ('x-api-key' => 'client', 'anthropic-version' => '2023-06-01');

# the hits of the last request logged
sub last_hits {
    my ($tt) = @_;
    my $log;
    for (1 .. 50) {
        $log = LLMTest::slurp($tt->prefix . '/hits.log') // '';
        last if $log =~ /\n\z/;
        select undef, undef, undef, 0.05;
    }
    my @l = split /\n/, $log;
    return @l ? (split / /, $l[-1])[1] : undef;
}

sub log_lines {
    my ($tt) = @_;
    my $log = LLMTest::slurp($tt->prefix . '/hits.log') // '';
    return scalar(() = $log =~ /\n/g);
}

sub upstream_bodies { [map { $_->{body} } @{ $_[0]->mock_requests }] }

sub post_logged {
    my ($tt, $port, $path, $body, $h) = @_;
    my $n = log_lines($tt);
    my $r = $tt->post_json($path, $body, headers => $h,
                           port => $tt->port($port));
    for (1 .. 50) {
        last if log_lines($tt) > $n;
        select undef, undef, undef, 0.05;
    }
    return ($r, last_hits($tt));
}

# the same body three times: the statuses and the hits, space-separated
sub thrice {
    my ($tt, $port, $path, $body, $h) = @_;
    my (@st, @hits);
    for (1 .. 3) {
        my ($r, $hits) = post_logged($tt, $port, $path, $body, $h);
        push @st, $r->{status};
        push @hits, $hits // '-';
    }
    return ("@st", "@hits");
}

sub openai_error {
    my ($r) = @_;
    my $e = ref $r->{json} eq 'HASH' && $r->{json}{error};
    return ref $e eq 'HASH' && defined $e->{message} && defined $e->{type};
}

sub anthropic_error {
    my ($r) = @_;
    my $j = $r->{json};
    return ref $j eq 'HASH' && ($j->{type} // '') eq 'error'
        && ref $j->{error} eq 'HASH' && defined $j->{error}{type};
}

# --- relayed OpenAI: checked once, then found
my $OPENAI = '/v1/chat/completions';
my $body = openai_body($schema);

$t->mock_reset;
my ($r, $hits);
my ($st, $h3) = thrice($t, 1, $OPENAI, $body, \%oh);
is($st, '200 200 200', 'relayed: answered each time');
is($h3, '0 0 1', 'relayed: nothing known, checked again (kept now), then '
   . 'the schema found');
is_deeply(upstream_bodies($t), [$body, $body, $body],
          'relayed: the bytes sent each time');

$t->mock_reset;
($r, $hits) = post_logged($t, 1, $OPENAI, openai_body($repeat), \%oh);
is($r->{status}, 400, 'relayed: a key repeated past the first bytes: 400');
ok(openai_error($r), 'relayed: in the OpenAI error shape');
like($r->{body}, qr/duplicate/i, 'relayed: the error says why');
is($hits, 0, 'relayed: the repeat is not found');
is(scalar @{ upstream_bodies($t) }, 0, 'relayed: nothing reached the provider');

# the tools as a whole are remembered too (their field-by-field check):
# the same tools but for a type near their end, same length: refused
my $strict = openai_body($schema) =~ s/"parameters":/"strict":true,"parameters":/r;
(my $strict_bad = $strict) =~ s/"strict":true/"strict":1234/;
is(length $strict_bad, length $strict, 'strict as a number: same length');
($st, $h3) = thrice($t, 1, $OPENAI, $strict, \%oh);
is($h3, '1 1 1', 'the tools with strict: one value found each time (the '
   . 'schema, then the tools as a whole)');
$t->mock_reset;
($r, $hits) = post_logged($t, 1, $OPENAI, $strict_bad, \%oh);
is($r->{status}, 400, 'strict as a number in remembered tools: 400');
ok(openai_error($r), 'strict as a number: in the OpenAI error shape');
is(scalar @{ upstream_bodies($t) }, 0,
   'strict as a number: nothing reached the provider');

# --- relayed Anthropic
my $ANTHROPIC = '/v1/messages';
$body = anthropic_body($schema);
$t->mock_reset;
($r, $hits) = post_logged($t, 1, $ANTHROPIC, $body, \%ah);
is($r->{status}, 200, 'Anthropic relayed: answered');
($r, $hits) = post_logged($t, 1, $ANTHROPIC, $body, \%ah);
is($r->{status}, 200, 'Anthropic relayed again: answered');
is($hits, 1, 'Anthropic relayed again: the schema found (kept by either '
   . 'dialect\'s check)');
is_deeply(upstream_bodies($t), [$body, $body],
          'Anthropic relayed: the bytes sent both times');
(my $schema3 = $schema) =~ s/file to read/file to list/;
my $body3 = anthropic_body($schema3);
($st, $h3) = thrice($t, 1, $ANTHROPIC, $body3, \%ah);
is($h3, '0 0 1', 'Anthropic relayed, a schema of its own: found the '
   . 'third time');
($r, $hits) = post_logged($t, 1, $ANTHROPIC, anthropic_body($repeat), \%ah);
is($r->{status}, 400, 'Anthropic relayed: the repeat gets 400');
ok(anthropic_error($r), 'Anthropic relayed: in the Anthropic error shape');

# --- translated: OpenAI client, Anthropic provider (a schema of its own)
(my $schema2 = $schema) =~ s/file to read/file to edit/;
(my $repeat2 = $repeat) =~ s/file to read/file to edit/;
$body = openai_body($schema2);
$t->mock_reset;
($st, $h3) = thrice($t, 2, $OPENAI, $body, \%oh);
is($st, '200 200 200', 'translated: answered each time');
is($h3, '0 0 1', 'translated: the canonical check not known, checked '
   . 'again (kept now), then the schema found');
my $up = upstream_bodies($t);
is(scalar @$up, 3, 'translated: all reached the provider');
is($up->[2], $up->[0], 'translated: the same Anthropic body each time');
like($up->[1] // '', qr/"input_schema":\Q$schema2\E/,
     'translated: the schema sent as its bytes');

# the tools as written for Anthropic are remembered too (llm_ir.h,
# deferred tools): five times, the same body upstream each time; then
# the same tools but for their description, and the description sent is
# the new one
$t->mock_reset;
for (1 .. 5) {
    ($r, $hits) = post_logged($t, 2, $OPENAI, $body, \%oh);
    is($r->{status}, 200, "translated, time $_: answered");
}
$up = upstream_bodies($t);
is(scalar(grep { $_ eq $up->[0] } @$up), 5,
   'translated five times: the same Anthropic body each time');
(my $other = $body) =~ s/Read a file/Read a whole file/;
$t->mock_reset;
($r, $hits) = post_logged($t, 2, $OPENAI, $other, \%oh);
is($r->{status}, 200, 'translated, another description: answered');
like(upstream_bodies($t)->[0] // '', qr/"description":"Read a whole file"/,
     'translated, another description: the new one sent');

$t->mock_reset;
($r, $hits) = post_logged($t, 2, $OPENAI, openai_body($repeat2), \%oh);
is($r->{status}, 400, 'translated: the repeat gets 400');
ok(openai_error($r), 'translated: in the OpenAI error shape');
is(scalar @{ upstream_bodies($t) }, 0,
   'translated: nothing reached the provider');

$t->stop;

# --- size 0: nothing remembered
my $off = start('llm_check_cache_size 0;');
$body = openai_body($schema);
($st, $h3) = thrice($off, 1, $OPENAI, $body, \%oh);
is($st, '200 200 200', 'size 0: answered');
is($h3, '0 0 0', 'size 0: nothing found, the third time either');
($r, $hits) = post_logged($off, 1, $OPENAI, openai_body($repeat), \%oh);
is($r->{status}, 400, 'size 0: the repeat gets 400');
$off->stop;

# --- the directive's place and value
my $bad = LLMTest->new;
$bad->write_config(<<'EOF');
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    server {
        listen 127.0.0.1:%%PORT_1%%;
        location / { llm_check_cache_size 1m; }
    }
}
EOF
my ($rc, $out) = $bad->test_config;
isnt($rc, 0, 'in a location: refused');
like($out, qr/"llm_check_cache_size" directive is not allowed here/,
     'in a location: nginx says where it belongs');

$bad->write_config(<<'EOF');
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    llm_check_cache_size lots;
}
EOF
($rc, $out) = $bad->test_config;
isnt($rc, 0, 'a size that is not one: refused');

$t->done_testing;
