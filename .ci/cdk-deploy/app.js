// `app.ts` (the README's "Deploying it" app) in plain JavaScript, so that CI can synthesize
// it with aws-cdk-lib alone, offline (`./check`). Keep the two in step.
'use strict';
const fs = require('fs');
const path = require('path');
const { App, ArnFormat, Stack } = require('aws-cdk-lib');
const dynamodb = require('aws-cdk-lib/aws-dynamodb');
const iam = require('aws-cdk-lib/aws-iam');
const lambda = require('aws-cdk-lib/aws-lambda');
const sns = require('aws-cdk-lib/aws-sns');
const sfn = require('aws-cdk-lib/aws-stepfunctions');

const root = path.join(__dirname, '../..');
// `cargo run -p loan-processor -- --out DIR` writes the ASL files here.
const asl = process.env.STEPFN_ASL_DIR ?? path.join(root, 'target/loan-processor');
// `cargo lambda build --release -p loan-processor --features lambda` writes
// target/lambda/<binary>/bootstrap.
const binaries = process.env.STEPFN_LAMBDA_DIR ?? path.join(root, 'target/lambda');

// CDK's template validation checks a definition's ASL (rule E3601) only when the definition
// is in the template; STEPFN_INLINE_ASL=1 puts it there instead of in an S3 asset (CI does).
const definitionBody = (file) =>
  process.env.STEPFN_INLINE_ASL === '1'
    ? sfn.DefinitionBody.fromString(fs.readFileSync(file, 'utf8'))
    : sfn.DefinitionBody.fromFile(file);

const app = new App({
  outdir: process.env.STEPFN_CDK_OUT,
  // CDK validates every synthesized template (CloudFormation Validate); this makes its
  // findings errors that fail the synth instead of warnings.
  context: { '@aws-cdk/core:validateAgainstDefaultRules': true },
});
const stack = new Stack(app, 'LoanProcessorStack');

const rust = (id, binary, environment) =>
  new lambda.Function(stack, id, {
    runtime: lambda.Runtime.PROVIDED_AL2023,
    handler: 'bootstrap',
    code: lambda.Code.fromAsset(path.join(binaries, binary)),
    environment,
  });

const tokens = new dynamodb.TableV2(stack, 'TaskTokens', {
  partitionKey: { name: 'reference', type: dynamodb.AttributeType.STRING },
});
const errorTopic = new sns.Topic(stack, 'ErrorTopic');

// The mock valuation service posts its replies to the webhook (Function URL).
const webhook = rust('ValuationWebhook', 'valuation-webhook-lambda', {
  TOKEN_TABLE: tokens.tableName,
  ERROR_TOPIC_ARN: errorTopic.topicArn,
});
const webhookUrl = webhook.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
const sendResponse = new lambda.Function(stack, 'SendResponse', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline(
    // The prompt behaviour only; the demo's `loan_processor::mock` has all six.
    `exports.handler = async (r) => fetch(process.env.WEBHOOK_URL + 'valuation-callback', {
       method: 'POST', headers: { 'content-type': 'application/json' },
       body: JSON.stringify({ valuationReference: r.valuationReference, value: 250000 }) })
       .then((res) => res.status);`,
  ),
  environment: { WEBHOOK_URL: webhookUrl.url },
});

const mockValuation = new sfn.StateMachine(stack, 'MockValuation', {
  stateMachineType: sfn.StateMachineType.EXPRESS,
  definitionBody: definitionBody(path.join(asl, 'mock-valuation.asl.json')),
  definitionSubstitutions: { SendResponseFunctionArn: sendResponse.functionArn },
});
sendResponse.grantInvoke(mockValuation);

const requestHandler = rust('ValuationRequest', 'valuation-request-lambda', {
  TOKEN_TABLE: tokens.tableName,
  MOCK_VALUATION_STATE_MACHINE_ARN: mockValuation.stateMachineArn,
});

// One value per placeholder of definition-substitutions.json.
const loanProcessor = new sfn.StateMachine(stack, 'LoanProcessor', {
  stateMachineName: 'LoanProcessor',
  definitionBody: definitionBody(path.join(asl, 'loan-processor.asl.json')),
  definitionSubstitutions: {
    ErrorTopicArn: errorTopic.topicArn,
    ValuationRequestFunctionArn: requestHandler.functionArn,
  },
});
requestHandler.grantInvoke(loanProcessor);
errorTopic.grantPublish(loanProcessor);
mockValuation.grantStartExecution(requestHandler);
tokens.grantReadWriteData(requestHandler);
tokens.grantReadWriteData(webhook);
// By name, not `loanProcessor.grantTaskResponse(webhook)`: the machine depends on the
// webhook through the mock service, and CloudFormation refuses the cycle.
webhook.addToRolePolicy(
  new iam.PolicyStatement({
    actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
    resources: [
      stack.formatArn({
        service: 'states',
        resource: 'stateMachine',
        resourceName: 'LoanProcessor',
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    ],
  }),
);
errorTopic.grantPublish(webhook);

app.synth();
