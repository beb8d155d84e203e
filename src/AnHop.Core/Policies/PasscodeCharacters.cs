namespace AnHop.Core.Policies;

/// <summary>The character classes a meeting passcode must mix, from the weakest to the strongest.</summary>
public enum PasscodeCharacters
{
    /// <summary>Digits only (allowed only where an organisation loosens its policy to it).</summary>
    Digits = 0,

    /// <summary>Lower- and upper-case letters and digits.</summary>
    LettersAndDigits = 1,

    /// <summary>Letters, digits and symbols (the default).</summary>
    LettersDigitsAndSymbols = 2,
}
