import Foundation
import Testing
import Yams

/// The examples under deploy/ run as they are: the Slurm scripts parse and pass each task its
/// own shard, and the Kubernetes manifest is an Indexed Job whose pods read one shard each, with
/// a merge after them.
@Suite struct DeployTests {
    static let deploy = Repo.root.appendingPathComponent("deploy")

    /// Runs bash with `arguments` and `environment` added; stdout and stderr together.
    func bash(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let ran = try Repo.run("/bin/bash", arguments, environment: environment, output: .both)
        return (ran.status, ran.output)
    }

    @Test func theSlurmScriptsParseAndGiveEachTaskItsShard() throws {
        let slurm = Self.deploy.appendingPathComponent("slurm")
        for name in ["cotejo-shard.sbatch", "cotejo-merge.sbatch", "submit.sh"] {
            let checked = try bash(["-n", slurm.appendingPathComponent(name).path])
            #expect(checked.status == 0, "\(name): \(checked.output)")
        }
        // An array of 3 tasks numbered from 0: the tasks read shards 1/3, 2/3 and 3/3, each into its own store.
        let shard = slurm.appendingPathComponent("cotejo-shard.sbatch").path
        var shards: [String] = []
        for task in 0..<3 {
            let dry = try bash([shard, "/data/corpus", "/data/out"], environment: [
                "DRY_RUN": "1", "SLURM_ARRAY_TASK_ID": "\(task)", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_CPUS_PER_TASK": "2"])
            #expect(dry.status == 0, "\(dry.output)")
            #expect(dry.output.contains("ingest --shard \(task + 1)/3 --jobs 2 --db /data/out/shard-\(task + 1)-of-3.sqlite"), "\(dry.output)")
            #expect(dry.output.hasSuffix("/data/corpus \n"))
            shards.append(dry.output)
        }
        #expect(Set(shards).count == 3)
        // Outside an array the script refuses to guess its shard.
        #expect(try bash([shard, "/data/corpus", "/data/out"], environment: ["DRY_RUN": "1", "SLURM_ARRAY_TASK_ID": ""]).status != 0)

        // The merge takes every shard store there is.
        let out = try Repo.temporaryDirectory()
        for k in 1...3 { try Data().write(to: out.appendingPathComponent("shard-\(k)-of-3.sqlite")) }
        let merge = try bash([slurm.appendingPathComponent("cotejo-merge.sbatch").path, out.path], environment: ["DRY_RUN": "1"])
        #expect(merge.status == 0, "\(merge.output)")
        let lines = merge.output.split(separator: "\n")
        #expect(lines.first?.hasPrefix("cotejo merge") == true)
        #expect((1...3).allSatisfy { k in lines.first?.contains("shard-\(k)-of-3.sqlite") == true })
        #expect(lines.first?.contains("--into \(out.path)/all.sqlite") == true)
    }

    @Test func theKubernetesManifestIsAnIndexedJobOfShardsThenAMerge() throws {
        let text = try String(contentsOf: Self.deploy.appendingPathComponent("kubernetes/cotejo-indexed-job.yaml"), encoding: .utf8)
        let documents = try Array(Yams.load_all(yaml: text)).compactMap { $0 as? [String: Any] }
        #expect(documents.count == 2)
        let shards = try #require(documents.first), merge = try #require(documents.last)
        #expect(shards["apiVersion"] as? String == "batch/v1" && shards["kind"] as? String == "Job")
        let spec = try #require(shards["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        let completions = try #require(spec["completions"] as? Int)
        #expect(completions >= 1)
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        #expect(pod["restartPolicy"] as? String == "Never")
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        let env = (container["env"] as? [[String: Any]]) ?? []
        #expect(env.contains { $0["name"] as? String == "SHARDS" && $0["value"] as? String == "\(completions)" }, "SHARDS must equal completions")
        let script = ((container["args"] as? [String]) ?? []).joined(separator: " ")
        #expect(script.contains("JOB_COMPLETION_INDEX + 1"))
        #expect(script.contains("cotejo ingest --shard \"$K/$SHARDS\""))
        #expect(script.contains("--db \"/data/out/shard-$K-of-$SHARDS.sqlite\""))

        #expect(merge["kind"] as? String == "Job")
        let mergePod = try #require(((merge["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any])
        let wait = ((mergePod["initContainers"] as? [[String: Any]])?.first?["args"] as? [String])?.joined() ?? ""
        #expect(wait.contains(".done"), "the merge waits for every shard")
        let mergeEnv = ((mergePod["containers"] as? [[String: Any]])?.first?["env"] as? [[String: Any]]) ?? []
        #expect(mergeEnv.contains { $0["value"] as? String == "\(completions)" })
        let mergeScript = (((mergePod["containers"] as? [[String: Any]])?.first?["args"] as? [String]) ?? []).joined()
        #expect(mergeScript.contains("cotejo merge /data/out/shard-*-of-$SHARDS.sqlite --into /data/out/all.sqlite"))
        // The shard step's shell line itself parses.
        #expect(try bash(["-n", "-c", script]).status == 0)
    }
}
