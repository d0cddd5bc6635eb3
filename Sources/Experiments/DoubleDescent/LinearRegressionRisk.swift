/// The exact expected error of least squares with Gaussian features at finite n (Belkin,
/// Hsu and Xu 2019, "Two models of double descent for weak features", Theorem 1; the
/// well-specified case is also in Hastie, Montanari, Rosset and Tibshirani 2019).
///
/// Setting: x ~ N(0, I_D), y = x . beta + sigma * noise with standard normal noise. The
/// model sees only a set T of p of the D coordinates and fits them on n examples: by least
/// squares when p <= n (unique a.s.), by the minimum-norm solution when p >= n. Its
/// estimate b is zero outside T. With s_in = |beta_T|^2 and s_out = |beta_outside T|^2
/// (the part of the signal the model cannot see, which acts as extra noise):
///
///     E |b - beta|^2 = s_out + (s_out + sigma^2) p / (n - p - 1)                    p <= n - 2
///     E |b - beta|^2 = s_in (1 - n/p) + s_out + (s_out + sigma^2) n / (p - n - 1)  p >= n + 2
///
/// and it is infinite for n - 1 <= p <= n + 1. When the model sees every coordinate that
/// carries signal (s_out = 0, s_in = r^2) these are the formulas sigma^2 p / (n - p - 1)
/// and r^2 (1 - n/p) + sigma^2 n / (p - n - 1). Since x is isotropic, |b - beta|^2 is
/// also the test mean squared error minus sigma^2.
enum LinearRegressionRisk {
    /// The expected squared error of the coefficients, or nil where it is infinite.
    static func expected(n: Int, p: Int, signalInModel sIn: Double, signalOutside sOut: Double,
                         noiseVariance: Double) -> Double? {
        let nd = Double(n), pd = Double(p)
        if p <= n - 2 { return sOut + (sOut + noiseVariance) * pd / (nd - pd - 1) }
        if p >= n + 2 { return sIn * (1 - nd / pd) + sOut + (sOut + noiseVariance) * nd / (pd - nd - 1) }
        return nil
    }
}
