import Foundation
import ArgumentParser
import CotejoModel

/// The language of everything the command line says to people (help, errors, progress, the
/// summary): `--lang` when given, else English when the locale (LC_ALL, LC_MESSAGES, LANG) is an
/// English one, else Spanish, Cotejo's default. Read once, before the arguments are parsed, so
/// that help is in it too.
let interfaceLanguage: Language = {
    let arguments = CommandLine.arguments
    if let i = arguments.firstIndex(of: "--lang"), i + 1 < arguments.count, let l = Language(rawValue: arguments[i + 1]) { return l }
    if let a = arguments.first(where: { $0.hasPrefix("--lang=") }), let l = Language(rawValue: String(a.dropFirst(7))) { return l }
    let environment = ProcessInfo.processInfo.environment
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let value = environment[key], !value.isEmpty { return value.hasPrefix("en") ? .en : .es }
    }
    return .es
}()

/// Text for people in the interface language.
func tr(_ es: String, _ en: String) -> String { interfaceLanguage.pick(es, en) }

/// An option's or argument's help in the interface language.
func help(_ es: String, _ en: String) -> ArgumentHelp { ArgumentHelp(tr(es, en)) }
