#!/usr/bin/env bash
# Generates the default hallq voice packs (zh-CN and en) with espeak-ng + sox.
#
# Run once by a developer; the generated clips are committed, so halls and CI never need espeak.
#   apt-get install -y espeak-ng sox
#   display-ui/voice/make-pack.sh [output-dir]      # default: display-ui/public/voice
#
# Output: <out>/<language>/<clip>.wav (16 kHz mono 16-bit PCM, silence-trimmed, peak-normalised)
# and <out>/<language>/manifest.json = { "language": ..., "clips": { "<id>": "<file>" } }.
# The clip ids are the contract with display-ui/voice/announcement.ts (see docs/voice.md).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../public/voice}"
rate=16000
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "make-pack: $tool is not installed" >&2; exit 1; }
done

# finish <raw.wav> <dest.wav>: trim leading/trailing silence, mono, 16 kHz, normalise to -1 dBFS.
# Trimming matters because clips are scheduled back to back; espeak pads each phrase generously.
finish() {
  sox "$1" -c 1 -r "$rate" -b 16 "$2" \
    silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse \
    norm -1
}

# manifest helpers: collect "id<TAB>file" lines, then write JSON in a stable order.
manifest_begin() { : > "$tmp/manifest-$1.tsv"; }
manifest_add() { printf '%s\t%s\n' "$2" "$3" >> "$tmp/manifest-$1.tsv"; }
manifest_write() {
  local lang="$1" dir="$2" first=1
  {
    printf '{\n  "language": "%s",\n  "clips": {\n' "$lang"
    while IFS=$'\t' read -r id file; do
      [ $first -eq 1 ] || printf ',\n'
      first=0
      printf '    "%s": "%s"' "$id" "$file"
    done < "$tmp/manifest-$lang.tsv"
    printf '\n  }\n}\n'
  } > "$dir/manifest.json"
}

# say <lang> <voice> <speed> <id> <text>
say() {
  local lang="$1" voice="$2" speed="$3" id="$4" text="$5"
  local dir="$out/$lang" file="$4.wav"
  espeak-ng -v "$voice" -s "$speed" -w "$tmp/raw.wav" "$text"
  finish "$tmp/raw.wav" "$dir/$file"
  manifest_add "$lang" "$id" "$file"
}

# chime <lang>: two-tone "ding-dong" (E5 then C5) with a bell-like octave partial and fast decay.
chime() {
  local lang="$1" dir="$out/$1"
  sox -n -r "$rate" -c 1 -b 16 "$tmp/ding.wav" synth 0.55 sine 659.25 sine 1318.5 remix - fade q 0.005 0.55 0.5
  sox -n -r "$rate" -c 1 -b 16 "$tmp/dong.wav" synth 0.9 sine 523.25 sine 1046.5 remix - fade q 0.005 0.9 0.85
  sox "$tmp/ding.wav" "$tmp/dong.wav" -b 16 "$dir/chime.wav" norm -3
  manifest_add "$lang" chime chime.wav
}

letters=(A B C D E F G H I J K L M N O P Q R S T U V W X Y Z)

# --- zh-CN -----------------------------------------------------------------------------------
# The cmn-latn-pinyin voice takes pinyin with tone digits; the plain cmn voice reads the tone
# digits as English numbers (espeak-ng #1236). Letters are read the way Chinese speakers name
# them (A "ei", W "da-bu-liu"), which is what halls expect.
zh="$out/zh-CN"
rm -rf "$zh"; mkdir -p "$zh"; manifest_begin zh-CN
chime zh-CN
zv=cmn-latn-pinyin; zs=140
say zh-CN $zv $zs qing "qing3"
say zh-CN $zv $zs hao "hao4"
say zh-CN $zv $zs dao "dao4"
say zh-CN $zv $zs chuang-kou "chuang1 kou3"
say zh-CN $zv $zs ban-li "ban4 li3"
say zh-CN $zv $zs zai-ci-hu-jiao "zai4 ci4 hu1 jiao4"
# Digits: 0 is 零 (ling2) and 1 is 一 (yi1), not the radio-style 幺 (yao1); see docs/voice.md.
zh_digits=(ling2 yi1 er4 san1 si4 wu3 liu4 qi1 ba1 jiu3)
for d in 0 1 2 3 4 5 6 7 8 9; do say zh-CN $zv $zs "$d" "${zh_digits[$d]}"; done
say zh-CN $zv $zs shi "shi2"
say zh-CN $zv $zs bai "bai3"
for l in "${letters[@]}"; do say zh-CN $zv $zs "$l" "$l"; done
manifest_write zh-CN "$zh"

# --- en --------------------------------------------------------------------------------------
# Window numbers are composed from 1-19, tens and "hundred" (US style, no "and"): 30 word clips.
en="$out/en"
rm -rf "$en"; mkdir -p "$en"; manifest_begin en
chime en
ev=en-us; es=150
say en $ev $es number "Number"
say en $ev $es please-go-to-window "please go to window"
say en $ev $es calling-again "Calling again"
en_words=(zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
  fifteen sixteen seventeen eighteen nineteen)
for n in $(seq 0 19); do say en $ev $es "$n" "${en_words[$n]}"; done
en_tens=([2]=twenty [3]=thirty [4]=forty [5]=fifty [6]=sixty [7]=seventy [8]=eighty [9]=ninety)
for t in 2 3 4 5 6 7 8 9; do say en $ev $es "${t}0" "${en_tens[$t]}"; done
say en $ev $es hundred "hundred"
# A trailing period stops espeak reading "A" as the article "uh".
for l in "${letters[@]}"; do say en $ev $es "$l" "$l."; done
manifest_write en "$en"

du -sh "$zh" "$en"
