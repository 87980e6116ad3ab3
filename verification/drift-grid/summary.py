#!/usr/bin/env python3
"""summary.py DIR...: per run, the abrupt drifts' 90 % recovery times (s) and the 20-day errors; then the drifts missing a day."""
import json, sys, glob, os, statistics
allrec=[]; miss=[]; errs=[]; nfail=0
for d in sys.argv[1:]:
    for f in sorted(glob.glob(os.path.join(d, '*.json'))):
        try: j=json.load(open(f))
        except Exception as e: print('BAD', f, e); nfail+=1; continue
        for t in j['tasks']:
            recs=[]
            for dr in t['drifts']:
                if dr['kind']!='abrupt': continue
                r=dr['recovery_90_time_s']; recs.append(r)
                allrec.append(r if r is not None else 1e9)
                if r is None or r>86400: miss.append((os.path.basename(f), dr['time_s'], r))
            e=t['error']; errs.append(e['onboard'])
            flag='' if e['onboard']<e['frozen'] and e['onboard']<=e['ground_retrain'] else ' ABOVE'
            print(f"{os.path.basename(f):40s} {' / '.join('never' if r is None else f'{r:,.0f}' for r in recs):32s} err {e['onboard']:.4f} fr {e['frozen']:.4f} gr {e['ground_retrain']:.4f}{flag} det {t.get('changes_detected')}/{t.get('changes_taken_back')}")
n=len(allrec)
if n:
    print(f"drifts {n} misses {len(miss)} median {statistics.median(allrec):,.0f} above60k {sum(1 for r in allrec if r>60000)} max {max(allrec):,.0f} meanerr {statistics.mean(errs):.5f} bad {nfail}")
for m in miss: print('MISS', m)
