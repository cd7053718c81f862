#!/usr/bin/env bash
# Commit the GUID lock the production build wrote and push it to the branch, BEFORE the site
# is deployed: a GUID or URL is never live without being locked on the branch first.
#
#   .github/publish/push-lock.sh [lock file] [branch]
#
# Exit 0: the lock is on the branch (or nothing was added). Exit 1: it could not be pushed,
# and the caller must not deploy. When the branch moved meanwhile (a transcript or a
# retraction pushed while this build ran), the lock commit is rebased onto it:
# .gitattributes merges the lock with merge=union, and since the lock only ever gains lines
# (a retraction is a line ending in "retracted", never a deleted line), the union of both
# sides loses nothing and brings nothing back. The newer commit gets its own publish run.
set -euo pipefail
lock=${1:-seeds/guids.lock}
branch=${2:-main}

if git ls-files --error-unmatch -- "$lock" >/dev/null 2>&1 && git diff --quiet -- "$lock"; then
  echo "$lock: no episode added, nothing to lock"
  exit 0
fi
if [[ ! -f $lock ]]; then
  echo "::error::$lock: the build wrote no lock" >&2
  exit 1
fi
git add -- "$lock"
git -c user.name="github-actions[bot]" \
    -c user.email="41898282+github-actions[bot]@users.noreply.github.com" \
    commit -q -m "Lock the GUIDs and URLs of newly published episodes" -- "$lock"

for attempt in 1 2 3; do
  if git push -q origin "HEAD:refs/heads/$branch"; then
    echo "$lock: locked on $branch ($(git rev-parse --short HEAD))"
    exit 0
  fi
  git fetch -q origin "$branch"
  if ! git -c user.name="github-actions[bot]" \
         -c user.email="41898282+github-actions[bot]@users.noreply.github.com" \
         rebase -q "origin/$branch"; then
    git rebase --abort || true
    break
  fi
  sleep $((attempt * 2))
done
echo "::error::$lock: could not push the lock to $branch; not deploying (a GUID must be locked before it is published)" >&2
exit 1
