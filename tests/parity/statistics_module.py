import statistics
from statistics import (mean, fmean, median, median_low, median_high, median_grouped, mode,
                        multimode, stdev, variance, pstdev, pvariance, geometric_mean,
                        harmonic_mean, quantiles, StatisticsError)
from fractions import Fraction

floats = [0.1, 0.2, 0.3, 0.4, 1.7, 2.9, 3.3]
ints = [2, 4, 4, 4, 5, 5, 7, 9]
print(mean(floats), mean(ints), mean([1, 2, 3, 4]), fmean(floats), fmean(ints))
print(mean([Fraction(1, 3), Fraction(2, 3), Fraction(5, 7)]), mean([1e300, 1e300, -1e300]))
print(median(ints), median([3, 1, 2]), median(floats), median_low(ints), median_high(ints))
print(median_grouped([52, 52, 53, 54]), median_grouped([1, 3, 3, 5, 7], interval=2))
print(mode(ints), mode("abracadabra"), mode([1, 1, 2, 2]), multimode("aabbbbccddddeeffffgg"))
print(multimode([]), multimode([3, 1, 2]))
print(stdev(ints), pstdev(ints), variance(ints), pvariance(ints))
print(stdev(floats), pstdev(floats), variance(floats), pvariance(floats))
print(variance([Fraction(1, 4), Fraction(5, 4), Fraction(1, 2)]), pvariance([1, 2, 3, 4], mu=2.5))
print(stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]), variance([2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]))
print(geometric_mean([54, 24, 36]), harmonic_mean([40, 60]), harmonic_mean([2.5, 3, 10]))
print(quantiles([105, 129, 87, 86, 111, 111, 89, 81, 108, 92, 110, 100, 75, 105, 103, 109,
                 76, 119, 99, 91, 103, 129, 106, 101, 84, 111, 74, 87, 86, 103, 103, 106, 86,
                 111, 75, 87, 102, 121, 111, 88, 89, 101, 106, 95, 103, 107, 101, 81, 109,
                 104], n=10))
print(quantiles([1, 2, 3, 4, 5], method="inclusive"), quantiles(range(10), n=4))
print(statistics.correlation([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]), statistics.covariance([1, 2, 3], [1, 3, 2]))
print(statistics.linear_regression([1, 2, 3, 4, 5], [3, 5, 7, 9, 11]))
print(mean(x / 7 for x in range(100)), stdev(x / 7 for x in range(100)))
print(mean([True, False, True]) if False else "", mean([-1.5, 2.25]))
for bad in (lambda: mean([]), lambda: median([]), lambda: stdev([1]), lambda: variance([5]),
            lambda: mode([]), lambda: pvariance([]), lambda: harmonic_mean([-1, 2]),
            lambda: quantiles([1], n=4), lambda: quantiles([1, 2], n=0)):
    try:
        bad()
    except StatisticsError as e:
        print("StatisticsError:", e)
try:
    mean(["a", "b"])
except TypeError as e:
    print("TypeError:", e)
print(issubclass(StatisticsError, ValueError))
nd = statistics.NormalDist(100, 15)
print(nd, nd.mean, nd.stdev, nd.variance, round(nd.cdf(130), 12), round(nd.pdf(100), 12))
print(round(nd.inv_cdf(0.975), 9), statistics.NormalDist.from_samples([2.5, 3.1, 2.1, 2.4, 2.7, 3.5]))
