//! The engine: registered machines, executions, the virtual clock, the seeded random stream,
//! the timer queue and the run queue, with the public API tests and tools drive.

mod api;
mod callback;
mod execution;
mod fanout;
mod nested;
mod pipeline;
mod scheduler;
mod services;
mod states;
mod strand;
mod task;

use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::fmt;
use std::sync::Arc;

use indexmap::IndexMap;
use stepfn_core::model::{MachineType, StateMachine, States};

use crate::integrations::{Handler, Message, Subscriber};
use crate::mock_config::{MockConfig, MockRun};
use crate::random::Entropy;
use crate::time::Instant;

pub use api::Definition;
pub use callback::ActivityTask;
pub(crate) use execution::Execution;
pub use execution::{ExecutionDescription, ExecutionStatus};
pub(crate) use scheduler::{Timer, TimerKind};
pub(crate) use strand::{Phase, Resume, Strand};
pub(crate) use task::PendingTask;

/// How an engine is set up. Every field has a default; the same configuration and the same
/// calls give the same run.
#[derive(Debug, Clone, PartialEq)]
pub struct EngineConfig {
    /// The seed of every random choice: tokens, UUIDs, jitter, `States.MathRandom`.
    pub seed: u64,
    /// Where the virtual clock starts (default 2026-01-01T00:00:00Z).
    pub start: Instant,
    /// The region in ARNs and `TaskScheduled` events.
    pub region: String,
    /// The account in ARNs.
    pub account: String,
    /// How many strand steps `run_to_completion` may take before it gives up.
    pub max_steps: u64,
    /// When set, SNS topics and SQS queues exist only once created
    /// ([`Engine::create_topic`], [`Engine::create_queue`]); sending to another one fails the
    /// task as on AWS (`SNS.NotFoundException`, `SQS.QueueDoesNotExistException`). Off by
    /// default: topics and queues then exist on first use, which is what most tests want.
    pub strict_destinations: bool,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            seed: 0,
            start: Instant::DEFAULT_START,
            region: "us-east-1".to_owned(),
            account: "123456789012".to_owned(),
            max_steps: 1_000_000,
            strict_destinations: false,
        }
    }
}

/// A registered state machine.
#[derive(Debug, Clone)]
pub(crate) struct MachineRecord {
    pub(crate) arn: String,
    pub(crate) name: String,
    pub(crate) definition: Arc<StateMachine>,
    pub(crate) states: Arc<States>,
    pub(crate) machine_type: MachineType,
    pub(crate) role_arn: String,
}

/// A token's task, or the fact that the task is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenState {
    Open(u64),
    Closed,
}

/// The in-process Step Functions service: create machines, start executions, drive the
/// virtual clock, answer callbacks, inspect histories, topics and queues.
pub struct Engine {
    pub(crate) config: EngineConfig,
    pub(crate) now: Instant,
    pub(crate) rng: Entropy,
    pub(crate) machines: IndexMap<String, MachineRecord>,
    pub(crate) executions: Vec<Execution>,
    pub(crate) execution_index: HashMap<String, usize>,
    pub(crate) strands: Vec<Option<Strand>>,
    pub(crate) joins: Vec<Option<fanout::Join>>,
    pub(crate) run_queue: VecDeque<usize>,
    pub(crate) timers: BinaryHeap<Timer>,
    pub(crate) timer_seq: u64,
    pub(crate) tasks: HashMap<u64, PendingTask>,
    pub(crate) next_task: u64,
    pub(crate) tokens: HashMap<String, TokenState>,
    pub(crate) handlers: HashMap<String, Handler>,
    pub(crate) lambdas: HashMap<String, Handler>,
    pub(crate) subscribers: HashMap<String, Vec<Subscriber>>,
    pub(crate) mailboxes: IndexMap<String, Vec<Message>>,
    pub(crate) activities: IndexMap<String, VecDeque<u64>>,
    pub(crate) steps: u64,
    /// The mock config `<machine arn>#<test case>` executions read.
    pub(crate) mock_config: Option<Arc<MockConfig>>,
    /// The test case of each execution started with one, by execution index.
    pub(crate) mock_runs: HashMap<usize, MockRun>,
}

impl fmt::Debug for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Engine")
            .field("now", &self.now)
            .field("machines", &self.machines.len())
            .field("executions", &self.executions.len())
            .field("pending_timers", &self.timers.len())
            .finish_non_exhaustive()
    }
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    /// An engine with the default configuration (seed 0, clock at 2026-01-01T00:00:00Z).
    pub fn new() -> Engine {
        Engine::with_config(EngineConfig::default())
    }

    /// An engine with a given seed and otherwise default configuration.
    pub fn with_seed(seed: u64) -> Engine {
        Engine::with_config(EngineConfig {
            seed,
            ..EngineConfig::default()
        })
    }

    /// An engine with this configuration.
    pub fn with_config(config: EngineConfig) -> Engine {
        Engine {
            now: config.start,
            rng: Entropy::new(config.seed),
            config,
            machines: IndexMap::new(),
            executions: Vec::new(),
            execution_index: HashMap::new(),
            strands: Vec::new(),
            joins: Vec::new(),
            run_queue: VecDeque::new(),
            timers: BinaryHeap::new(),
            timer_seq: 0,
            tasks: HashMap::new(),
            next_task: 0,
            tokens: HashMap::new(),
            handlers: HashMap::new(),
            lambdas: HashMap::new(),
            subscribers: HashMap::new(),
            mailboxes: IndexMap::new(),
            activities: IndexMap::new(),
            steps: 0,
            mock_config: None,
            mock_runs: HashMap::new(),
        }
    }

    /// The current virtual time.
    pub fn now(&self) -> Instant {
        self.now
    }

    /// The configuration.
    pub fn config(&self) -> &EngineConfig {
        &self.config
    }
}
