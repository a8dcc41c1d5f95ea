package deploy

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

type composeFile struct {
	Services map[string]struct {
		Image       string            `yaml:"image"`
		Ports       []string          `yaml:"ports"`
		Environment map[string]string `yaml:"environment"`
		Volumes     []string          `yaml:"volumes"`
		Healthcheck struct {
			Test []string `yaml:"test"`
		} `yaml:"healthcheck"`
	} `yaml:"services"`
	Volumes map[string]any `yaml:"volumes"`
}

func launcherVersion(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../scripts/neo4j-local")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^NEO4J_VERSION=([0-9.]+)$`).FindSubmatch(b)
	if m == nil {
		t.Fatal("scripts/neo4j-local has no NEO4J_VERSION= line")
	}
	return string(m[1])
}

func TestComposeMatchesLocalLauncher(t *testing.T) {
	b, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var c composeFile
	if err := yaml.Unmarshal(b, &c); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	svc, ok := c.Services["neo4j"]
	if !ok {
		t.Fatal("docker-compose.yml has no neo4j service")
	}
	version := launcherVersion(t)
	if !strings.HasPrefix(version, "5.26.") {
		t.Errorf("launcher runs Neo4j %s, want the 5.26 LTS line", version)
	}
	if want := "neo4j:" + version + "-community"; svc.Image != want {
		t.Errorf("compose image %q, launcher runs %q", svc.Image, want)
	}
	for _, p := range []string{"7474:7474", "7687:7687"} {
		found := false
		for _, q := range svc.Ports {
			if strings.HasPrefix(q, p) {
				found = true
			}
		}
		if !found {
			t.Errorf("compose does not publish %s (ports %v)", p, svc.Ports)
		}
	}
	if !strings.Contains(svc.Environment["NEO4J_AUTH"], "${NEO4J_AUTH") {
		t.Errorf("NEO4J_AUTH should come from the environment, got %q", svc.Environment["NEO4J_AUTH"])
	}
	if !strings.Contains(svc.Environment["NEO4J_PLUGINS"], "apoc") {
		t.Errorf("APOC not enabled: NEO4J_PLUGINS=%q", svc.Environment["NEO4J_PLUGINS"])
	}
	if len(svc.Healthcheck.Test) == 0 {
		t.Error("no healthcheck")
	}
	named := false
	for _, v := range svc.Volumes {
		name, _, _ := strings.Cut(v, ":")
		if _, ok := c.Volumes[name]; ok && strings.HasSuffix(v, ":/data") {
			named = true
		}
	}
	if !named {
		t.Errorf("data is not on a named volume: %v", svc.Volumes)
	}
}

func TestLauncherDefaultsMatchCLI(t *testing.T) {
	b, err := os.ReadFile("../../scripts/neo4j-local")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{"NEO4J_BOLT_PORT:-7687", "NEO4J_HTTP_PORT:-7474", "org.neo4j.server.CommunityEntryPoint"} {
		if !strings.Contains(s, want) {
			t.Errorf("scripts/neo4j-local lacks %q", want)
		}
	}
}
