namespace Kata.Bench;

/// <summary>Epochs take from 0.1 s to a minute: one warm-up and three measured epochs each.</summary>
public class EpochConfig() : ProductConfig(warmups: 1, iterations: 3);
