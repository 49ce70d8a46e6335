"""The GIL is released around heavy calls: threads give the same answers as one thread."""
from concurrent.futures import ThreadPoolExecutor


def test_threads_same_answers(ng, corpus_pages):
    pages = [open(p, "rb").read() for p in corpus_pages]
    one = [ng.extract(p).to_dict() for p in pages]
    with ThreadPoolExecutor(4) as pool:
        many = list(pool.map(lambda p: ng.extract(p).to_dict(), pages * 3))
    assert many == one * 3
    arts = [ng.extract(p) for p in pages[:5]]
    seq = [[e.to_dict() for e in ng.code(a)] for a in arts]
    with ThreadPoolExecutor(3) as pool:
        par = list(pool.map(lambda a: [e.to_dict() for e in ng.code(a)], arts))
    assert par == seq and sum(map(len, seq)) > 0
