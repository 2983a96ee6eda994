// Synthesizes the two state machines of the task-token failures blog post with CDK, offline,
// and writes each one's ASL to `<out>/<Name>.asl.json` with CloudFormation references turned
// into `${LogicalId}` placeholders (and `AWS::Partition` into `aws`).
'use strict';

const fs = require('fs');
const path = require('path');
const { App, Stack, Duration } = require('aws-cdk-lib');
const lambda = require('aws-cdk-lib/aws-lambda');
const sns = require('aws-cdk-lib/aws-sns');
const sfn = require('aws-cdk-lib/aws-stepfunctions');
const tasks = require('aws-cdk-lib/aws-stepfunctions-tasks');

const out = process.argv[2] || path.join(__dirname, 'fixtures');

const app = new App();
const stack = new Stack(app, 'Blog');

const fn = (id) =>
  new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });

// The loan processor: request a valuation and wait for the callback, for at most 30 s.
const errorTopic = new sns.Topic(stack, 'ErrorTopic');
const notice = () =>
  sfn.TaskInput.fromObject({
    stateMachineId: sfn.JsonPath.stringAt('$$.StateMachine.Id'),
    executionId: sfn.JsonPath.stringAt('$$.Execution.Id'),
    executionStartTime: sfn.JsonPath.stringAt('$$.Execution.StartTime'),
    error: sfn.JsonPath.objectAt('$.error'),
  });

const valuationServiceTimedOut = new sfn.Fail(stack, 'ValuationServiceTimedOut', {
  error: 'ValuationServiceTimedOut',
  cause: 'the valuation service did not call back in time',
});
const valuationFailed = new sfn.Fail(stack, 'ValuationFailed', {
  error: 'ValuationFailed',
  cause: 'the valuation service could not value the property',
});
const publishTimeout = new tasks.SnsPublish(stack, 'PublishTimeout', {
  topic: errorTopic,
  message: notice(),
}).next(valuationServiceTimedOut);
const publishFailure = new tasks.SnsPublish(stack, 'PublishFailure', {
  topic: errorTopic,
  message: notice(),
}).next(valuationFailed);

const requestValuation = new tasks.LambdaInvoke(stack, 'RequestValuation', {
  lambdaFunction: fn('ValuationRequestFunction'),
  integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
  payload: sfn.TaskInput.fromObject({
    taskToken: sfn.JsonPath.taskToken,
    loanApplication: sfn.JsonPath.objectAt('$.application'),
  }),
  taskTimeout: sfn.Timeout.duration(Duration.seconds(30)),
  resultPath: '$.valuation',
  retryOnServiceExceptions: false,
});
requestValuation.addCatch(publishTimeout, { errors: [sfn.Errors.TIMEOUT], resultPath: '$.error' });
requestValuation.addCatch(publishFailure, { errors: ['ValuationFailed'], resultPath: '$.error' });

new sfn.StateMachine(stack, 'LoanProcessor', {
  comment: 'Requests a property valuation and waits for the valuation service to call back',
  definitionBody: sfn.DefinitionBody.fromChainable(
    requestValuation.next(new sfn.Succeed(stack, 'ValuationReceived')),
  ),
});

// The mock valuation service: wait `delaySeconds`, then send the response.
new sfn.StateMachine(stack, 'MockValuationService', {
  stateMachineType: sfn.StateMachineType.EXPRESS,
  definitionBody: sfn.DefinitionBody.fromChainable(
    new sfn.Wait(stack, 'Wait', { time: sfn.WaitTime.secondsPath('$.delaySeconds') }).next(
      new tasks.LambdaInvoke(stack, 'SendResponse', {
        lambdaFunction: fn('SendResponseFunction'),
        retryOnServiceExceptions: false,
      }),
    ),
  ),
});

// Each machine's DefinitionString, with references resolved to placeholders.
const template = app.synth().getStackByName('Blog').template;
const resolve = (part) => {
  if (typeof part === 'string') return part;
  if (part.Ref === 'AWS::Partition') return 'aws';
  if (part.Ref) return '${' + part.Ref + '}';
  if (part['Fn::GetAtt']) return '${' + part['Fn::GetAtt'][0] + '}';
  throw new Error('unexpected part of DefinitionString: ' + JSON.stringify(part));
};
const definition = (value) => {
  if (typeof value === 'string') return value;
  const [separator, parts] = value['Fn::Join'];
  return parts.map(resolve).join(separator);
};

fs.mkdirSync(out, { recursive: true });
for (const [id, resource] of Object.entries(template.Resources)) {
  if (resource.Type !== 'AWS::StepFunctions::StateMachine') continue;
  const name = ['LoanProcessor', 'MockValuationService'].find((n) => id.startsWith(n));
  const asl = JSON.parse(definition(resource.Properties.DefinitionString));
  fs.writeFileSync(path.join(out, `${name}.asl.json`), JSON.stringify(asl, null, 2) + '\n');
  console.log(`${name}: ${Object.keys(asl.States).length} states -> ${out}/${name}.asl.json`);
}
